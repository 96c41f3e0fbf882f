export { LabelList } from './LabelList';
export { PlacementStatus, placementText } from './PlacementStatus';
export { PolicyChips } from './PolicyChips';
