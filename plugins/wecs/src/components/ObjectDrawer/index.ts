export { ObjectDrawer } from './ObjectDrawer';
export { selectionKeyOf, useObjectSelection } from './useObjectSelection';
export type { ObjectSelection } from './useObjectSelection';
export { useUrlParams } from './useUrlParams';
export type { UrlParamsUpdate } from './useUrlParams';
