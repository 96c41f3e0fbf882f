import { groupVersionOf, ResourceType, verbsOf } from './resources';
import { TypeRegistry } from './TypeRegistry';

/** The legacy discovery documents of /api, /apis, /apis/<group> and each group version. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(name: string, versions: string[]) {
  const entries = versions.map(version => ({
    groupVersion: `${name}/${version}`,
    version,
  }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

export function groupList(types: TypeRegistry) {
  const groups = [...types.groups().entries()].filter(([name]) => name !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(([name, versions]) => groupDocument(name, versions)),
  };
}

export function group(types: TypeRegistry, name: string) {
  const versions = types.groups().get(name);
  if (!versions || name === '') return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    ...groupDocument(name, versions),
  };
}

export function resourceList(types: TypeRegistry, groupVersion: string) {
  const served = types.all().filter(t => groupVersionOf(t) === groupVersion);
  if (served.length === 0) return undefined;
  const resources = served.flatMap(type => [
    {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: verbsOf(type),
      ...(type.shortNames?.length ? { shortNames: type.shortNames } : {}),
      ...(type.categories?.length ? { categories: type.categories } : {}),
    },
    ...subresourcesOf(type),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources,
  };
}

function subresourcesOf(type: ResourceType) {
  return (type.subresources ?? []).map(sub => {
    switch (sub) {
      case 'status':
        return {
          name: `${type.plural}/status`,
          singularName: '',
          namespaced: type.namespaced,
          kind: type.kind,
          verbs: ['get', 'patch', 'update'],
        };
      case 'scale':
        return {
          name: `${type.plural}/scale`,
          singularName: '',
          namespaced: type.namespaced,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: ['get', 'patch', 'update'],
        };
      case 'approval':
        return {
          name: `${type.plural}/approval`,
          singularName: '',
          namespaced: type.namespaced,
          kind: type.kind,
          verbs: ['get', 'patch', 'update'],
        };
      default:
        return {
          name: `${type.plural}/log`,
          singularName: '',
          namespaced: type.namespaced,
          kind: type.kind,
          verbs: ['get'],
        };
    }
  });
}
