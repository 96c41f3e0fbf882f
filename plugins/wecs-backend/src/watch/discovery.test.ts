import { ClusterClient, KubeApiError } from '@kubestellar/plugin-wecs-node';
import { discoverResourceTypes } from './discovery';

/** A ClusterClient whose discovery documents come from `answers`; an Error there is thrown. */
function clientAnswering(answers: Record<string, unknown>) {
  return {
    getJson: async (path: string) => {
      const answer = answers[path];
      if (answer instanceof Error) throw answer;
      if (answer === undefined)
        throw new KubeApiError(404, `${path} not found`);
      return answer;
    },
  } as unknown as ClusterClient;
}

const apis = {
  groups: [
    {
      name: 'apps',
      preferredVersion: { groupVersion: 'apps/v1' },
    },
  ],
};
const core = {
  resources: [
    { name: 'pods', kind: 'Pod', namespaced: true, verbs: ['list', 'watch'] },
    { name: 'pods/log', kind: 'Pod', namespaced: true, verbs: ['get'] },
  ],
};
const apps = {
  resources: [
    {
      name: 'deployments',
      kind: 'Deployment',
      namespaced: true,
      verbs: ['list', 'watch'],
    },
  ],
};

describe('discoverResourceTypes', () => {
  it('lists the types of every preferred group version, without subresources', async () => {
    const types = await discoverResourceTypes(
      clientAnswering({
        '/apis': apis,
        '/api/v1': core,
        '/apis/apps/v1': apps,
      }),
    );
    expect(types.map(t => `${t.apiVersion} ${t.kind} ${t.resource}`)).toEqual([
      'v1 Pod pods',
      'apps/v1 Deployment deployments',
    ]);
    expect(types[1]).toMatchObject({ group: 'apps', namespaced: true });
  });

  it('keeps what it knew of a group version that failed to answer this time', async () => {
    const before = await discoverResourceTypes(
      clientAnswering({
        '/apis': apis,
        '/api/v1': core,
        '/apis/apps/v1': apps,
      }),
    );
    const afterDroppedConnection = await discoverResourceTypes(
      clientAnswering({
        '/apis': apis,
        '/api/v1': core,
        '/apis/apps/v1': new Error('socket hang up'),
      }),
      before,
    );
    expect(afterDroppedConnection).toEqual(before);
    const afterServerError = await discoverResourceTypes(
      clientAnswering({
        '/apis': apis,
        '/api/v1': core,
        '/apis/apps/v1': new KubeApiError(503, 'service unavailable'),
      }),
      before,
    );
    expect(afterServerError).toEqual(before);
  });

  it('drops a group version that is gone (404)', async () => {
    const before = await discoverResourceTypes(
      clientAnswering({
        '/apis': apis,
        '/api/v1': core,
        '/apis/apps/v1': apps,
      }),
    );
    const after = await discoverResourceTypes(
      clientAnswering({ '/apis': apis, '/api/v1': core }),
      before,
    );
    expect(after.map(t => t.kind)).toEqual(['Pod']);
  });

  it('fails as a whole when the group list itself cannot be read', async () => {
    await expect(
      discoverResourceTypes(
        clientAnswering({ '/apis': new Error('connect ECONNREFUSED') }),
      ),
    ).rejects.toThrow('ECONNREFUSED');
  });
});
