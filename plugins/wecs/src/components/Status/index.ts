export { PhaseStatus } from './PhaseStatus';
export { PendingStatus } from './PendingStatus';
export { pendingColour, yellowTextColour } from './statusColours';
