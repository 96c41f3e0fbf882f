export { KubeStellarPage } from './KubeStellarPage';
export type { Crumb } from './KubeStellarPage';
export { LabelList } from './LabelList';
export { PolicyChips } from './PolicyChips';
export { isStagedWorkload, useKubeStellarFleet } from './useKubeStellarFleet';
export type { KubeStellarFleet } from './useKubeStellarFleet';
export { PlacementStatus, placementText } from './PlacementStatus';
export { ChoiceField } from './ChoiceField';
