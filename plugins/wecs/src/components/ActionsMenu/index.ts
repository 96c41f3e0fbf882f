export { ActionsMenu } from './ActionsMenu';
export type { MenuAction } from './ActionsMenu';
