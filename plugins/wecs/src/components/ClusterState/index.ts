export { ConnectionIndicator } from './ConnectionIndicator';
export { PendingChip } from './PendingChip';
export { RefusedKindsAlert, RefusedKindsLine } from './RefusedKinds';
export { ClustersLeftNotice } from './ClustersLeftNotice';
