export { WecsPage } from './WecsPage';
