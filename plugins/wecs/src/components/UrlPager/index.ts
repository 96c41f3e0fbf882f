export { UrlPager } from './UrlPager';
