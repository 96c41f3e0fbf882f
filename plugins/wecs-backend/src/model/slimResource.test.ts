import { slimResource } from './slimResource';

describe('slimResource', () => {
  it('keeps a BindingPolicy’s selectors and downsync rules, and whether it was observed', () => {
    const slim = slimResource('wds1', 'bindingpolicies', {
      apiVersion: 'control.kubestellar.io/v1alpha1',
      kind: 'BindingPolicy',
      metadata: {
        name: 'shop',
        uid: 'u1',
        resourceVersion: '5',
        generation: 2,
      },
      spec: {
        clusterSelectors: [{ matchLabels: { 'location-group': 'edge' } }],
        downsync: [
          {
            apiGroup: 'apps',
            namespaces: ['shop'],
            objectSelectors: [
              {
                matchExpressions: [
                  { key: 'app', operator: 'In', values: ['web'] },
                ],
              },
            ],
            createOnly: true,
          },
          { apiGroup: '', resources: ['namespaces'], objectNames: ['shop'] },
        ],
      },
      status: { observedGeneration: 1, errors: ['no such resource'] },
    });
    expect(slim.summary?.policy).toEqual({
      clusterSelectors: [{ matchLabels: { 'location-group': 'edge' } }],
      downsync: [
        {
          apiGroup: 'apps',
          namespaces: ['shop'],
          objectSelectors: [
            {
              matchExpressions: [
                { key: 'app', operator: 'In', values: ['web'] },
              ],
            },
          ],
          createOnly: true,
        },
        { apiGroup: '', resources: ['namespaces'], objectNames: ['shop'] },
      ],
      observed: false,
      errors: ['no such resource'],
    });
  });

  it('keeps what a Binding binds and where it sends it', () => {
    const slim = slimResource('wds1', 'bindings', {
      apiVersion: 'control.kubestellar.io/v1alpha1',
      kind: 'Binding',
      metadata: { name: 'shop', uid: 'u2', resourceVersion: '6' },
      spec: {
        workload: {
          clusterScope: [
            { group: '', version: 'v1', resource: 'namespaces', name: 'shop' },
          ],
          namespaceScope: [
            {
              group: 'apps',
              version: 'v1',
              resource: 'deployments',
              namespace: 'shop',
              name: 'web',
              resourceVersion: '9',
            },
          ],
        },
        destinations: [{ clusterId: 'cluster1' }, { clusterId: 'cluster2' }],
      },
    });
    expect(slim.summary?.binding).toEqual({
      workloads: [
        { group: '', version: 'v1', resource: 'namespaces', name: 'shop' },
        {
          group: 'apps',
          version: 'v1',
          resource: 'deployments',
          namespace: 'shop',
          name: 'web',
        },
      ],
      destinations: ['cluster1', 'cluster2'],
    });
  });

  it("gives a controller its pods' containers with their roles, for the log picker", () => {
    const template = {
      spec: {
        initContainers: [
          { name: 'migrate', image: 'm:1' },
          { name: 'mesh', image: 'p:1', restartPolicy: 'Always' },
        ],
        containers: [
          { name: 'web', image: 'w:1' },
          { name: 'log-shipper', image: 's:1' },
        ],
      },
    };
    const roles = [
      { name: 'migrate', role: 'init' },
      { name: 'mesh', role: 'sidecar' },
      { name: 'web', role: 'main' },
      { name: 'log-shipper', role: 'sidecar' },
    ];
    const metadata = { name: 'web', namespace: 'shop', uid: 'u' };
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'Job']) {
      expect(
        slimResource('cluster1', 'x', {
          apiVersion: 'apps/v1',
          kind,
          metadata,
          spec: { template },
        }).summary?.containers,
      ).toEqual(roles);
    }
    expect(
      slimResource('cluster1', 'cronjobs', {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata,
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } },
      }).summary?.containers,
    ).toEqual(roles);
  });
});
