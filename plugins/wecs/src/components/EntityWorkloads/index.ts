export { EntityWecsCard } from './EntityWecsCard';
export { EntitySelectorGate } from './EntitySelectorGate';
export { WorkloadTable } from './WorkloadTable';
export { entityWorkloads } from './entityWorkloads';
