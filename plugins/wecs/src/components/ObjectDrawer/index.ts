export { ObjectDrawer } from './ObjectDrawer';
