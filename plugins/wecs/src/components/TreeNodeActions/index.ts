export { TreeNodeActionsMenu } from './TreeNodeActionsMenu';
export { useTreeNodeActions } from './useTreeNodeActions';
export type { TreeNodeAction } from './treeNodeActions';
