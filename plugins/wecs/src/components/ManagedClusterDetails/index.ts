export { CAPACITY_RESOURCES, CapacityBar } from './CapacityBar';
export { ManagedClusterTabs } from './ManagedClusterTabs';
export { MembershipAction } from './MembershipAction';
