import { kubestellarFleet } from '../../__testUtils__/fixtures';
import { deliveredFilters } from './deliveredFilters';
import { indexByPlace } from './placement';

describe('deliveredFilters', () => {
  const { web, binding } = kubestellarFleet();
  const resolution = binding.summary!.binding!;

  it('asks the destinations for the kinds and namespaces of what is bound', () => {
    const namespaceObject = {
      group: '',
      version: 'v1',
      resource: 'namespaces',
      name: 'shop',
    };
    const shopNamespace = {
      ...web,
      apiVersion: 'v1',
      kind: 'Namespace',
      resource: 'namespaces',
      namespace: undefined,
      name: 'shop',
      uid: 'wds-ns-shop',
    };
    const withNamespace = {
      ...binding,
      summary: {
        binding: {
          ...resolution,
          workloads: [...resolution.workloads, namespaceObject],
        },
      },
    };
    expect(
      deliveredFilters([withNamespace], indexByPlace([web, shopNamespace])),
    ).toEqual({
      roles: ['wec'],
      clusters: ['cluster1', 'cluster2'],
      kinds: ['Deployment', 'Namespace'],
      // '' keeps the objects of no namespace, such as the Namespace itself.
      namespaces: ['', 'shop'],
    });
  });

  it('leaves the kinds open when a bound object has no staged copy to name its kind', () => {
    expect(deliveredFilters([binding], indexByPlace([]))).toEqual({
      roles: ['wec'],
      clusters: ['cluster1', 'cluster2'],
      namespaces: ['shop'],
    });
  });

  it('asks for nothing when nothing is bound anywhere', () => {
    const empty = {
      ...binding,
      summary: { binding: { workloads: [], destinations: ['cluster1'] } },
    };
    expect(deliveredFilters([], indexByPlace([web]))).toBeUndefined();
    expect(deliveredFilters([empty], indexByPlace([web]))).toBeUndefined();
  });
});
