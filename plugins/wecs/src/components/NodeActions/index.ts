export { ActionsMenu } from './ActionsMenu';
export type { MenuAction } from './ActionsMenu';
export { NodeActionsMenu } from './NodeActionsMenu';
export { useNodeActions } from './useNodeActions';
export {
  DETAILS_TABS,
  hasLogs,
  objectRefOf,
  placeOf,
  tabsFor,
} from './nodeActions';
export type { DetailsTab, NodeAction } from './nodeActions';
