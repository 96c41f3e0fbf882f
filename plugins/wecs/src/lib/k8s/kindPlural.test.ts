import { pluralKind } from './kindPlural';

describe('pluralKind', () => {
  it.each([
    ['Deployment', 'Deployments'],
    ['Pod', 'Pods'],
    ['Ingress', 'Ingresses'],
    ['NetworkPolicy', 'NetworkPolicies'],
    ['StorageClass', 'StorageClasses'],
    ['ComponentStatus', 'ComponentStatuses'],
    ['Endpoints', 'Endpoints'],
    ['EndpointSlice', 'EndpointSlices'],
    ['PodMetrics', 'PodMetrics'],
    ['Gateway', 'Gateways'],
    ['PriorityClass', 'PriorityClasses'],
    ['BindingPolicy', 'BindingPolicies'],
    ['ManagedCluster', 'ManagedClusters'],
    ['Database', 'Databases'],
  ])('%s -> %s', (kind, plural) => {
    expect(pluralKind(kind)).toBe(plural);
  });
});
