import {
  findRedactedMarker,
  REDACTED,
  redactSecretValues,
} from './secretRedaction';

const PASSWORD = Buffer.from('hunter2-in-a-test').toString('base64');
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const secret = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  type: 'Opaque',
  data: { password: PASSWORD, username: 'YWRtaW4=' },
  ...extra,
});

/** Whether the password, in any form a test plants it, shows anywhere in `value`. */
const leaks = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.includes(PASSWORD) || text.includes('hunter2');
};

describe('redactSecretValues', () => {
  it("masks a Secret's data and stringData values, keeping the keys and the rest", () => {
    const original = secret({ stringData: { token: 'hunter2-plain' } });
    const redacted = redactSecretValues(original);
    expect(redacted).toEqual({
      ...original,
      data: { password: REDACTED, username: REDACTED },
      stringData: { token: REDACTED },
    });
    expect(original.data.password).toBe(PASSWORD);
  });

  it('returns what carries no Secret value as itself, uncopied', () => {
    const deployment = {
      kind: 'Deployment',
      metadata: {
        name: 'web',
        annotations: { [LAST_APPLIED]: '{"kind":"Deployment"}' },
      },
      spec: { template: { spec: { containers: [{ name: 'web' }] } } },
    };
    expect(redactSecretValues(deployment)).toBe(deployment);
    const slimRows = [
      { kind: 'Secret', name: 'db', summary: { dataKeys: ['password'] } },
    ];
    expect(redactSecretValues(slimRows)).toBe(slimRows);
  });

  it("masks the Secrets a ManifestWork's manifests embed, and its status feedback of them", () => {
    const work = {
      kind: 'ManifestWork',
      metadata: { name: 'shop-wds1-0', namespace: 'cluster1' },
      spec: {
        workload: {
          manifests: [{ kind: 'ConfigMap', data: { a: 'b' } }, secret()],
        },
      },
      status: {
        resourceStatus: {
          manifests: [
            {
              resourceMeta: {
                ordinal: 1,
                group: '',
                resource: 'secrets',
                kind: 'Secret',
                name: 'db',
              },
              statusFeedbacks: {
                values: [
                  {
                    name: 'password',
                    fieldValue: { type: 'String', string: PASSWORD },
                  },
                ],
              },
            },
            {
              resourceMeta: {
                ordinal: 0,
                group: '',
                resource: 'configmaps',
                kind: 'ConfigMap',
                name: 'c',
              },
              statusFeedbacks: {
                values: [
                  {
                    name: 'whole',
                    fieldValue: {
                      type: 'JsonRaw',
                      jsonRaw: JSON.stringify(secret()),
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    };
    const redacted = redactSecretValues(work);
    expect(leaks(redacted)).toBe(false);
    expect(redacted.spec.workload.manifests[0]).toBe(
      work.spec.workload.manifests[0],
    );
    expect(redacted.spec.workload.manifests[1].data).toEqual({
      password: REDACTED,
      username: REDACTED,
    });
    expect(
      redacted.status.resourceStatus.manifests[0].statusFeedbacks.values[0],
    ).toEqual({
      name: 'password',
      fieldValue: { type: 'String', string: REDACTED },
    });
    const raw = (
      redacted.status.resourceStatus.manifests[1].statusFeedbacks.values[0]
        .fieldValue as { jsonRaw: string }
    ).jsonRaw;
    expect(JSON.parse(raw).data.password).toBe(REDACTED);
    expect(leaks(work)).toBe(true);
  });

  it('masks the last-applied configuration of a Secret and of anything that embeds one', () => {
    const applied = secret({
      metadata: {
        name: 'db',
        annotations: { [LAST_APPLIED]: JSON.stringify(secret()) },
      },
    });
    const redacted: any = redactSecretValues(applied);
    expect(leaks(redacted)).toBe(false);
    expect(
      JSON.parse(redacted.metadata.annotations[LAST_APPLIED]).data,
    ).toEqual({
      password: REDACTED,
      username: REDACTED,
    });
    const work = {
      kind: 'ManifestWork',
      metadata: {
        name: 'applied',
        annotations: {
          [LAST_APPLIED]: JSON.stringify({
            kind: 'ManifestWork',
            spec: { workload: { manifests: [secret()] } },
          }),
        },
      },
    };
    expect(leaks(redactSecretValues(work))).toBe(false);
    // A slim object keeps its annotations beside its name.
    const slim = {
      kind: 'Secret',
      name: 'db',
      annotations: { [LAST_APPLIED]: JSON.stringify(secret()) },
    };
    expect(leaks(redactSecretValues(slim))).toBe(false);
    const garbled = {
      kind: 'ConfigMap',
      metadata: { annotations: { [LAST_APPLIED]: `{"data":"${PASSWORD}` } },
    };
    expect(redactSecretValues(garbled).metadata.annotations[LAST_APPLIED]).toBe(
      REDACTED,
    );
  });

  it("masks KubeStellar's WorkStatus and CombinedStatus of a Secret, and leaves others'", () => {
    const workStatus = (kind: string) => ({
      kind: 'WorkStatus',
      spec: {
        sourceRef: {
          group: '',
          version: 'v1',
          resource: kind === 'Secret' ? 'secrets' : 'configmaps',
          kind,
          name: 'db',
        },
      },
      status: { data: { password: PASSWORD }, observed: [1, true] },
    });
    expect(redactSecretValues(workStatus('Secret')).status).toEqual({
      data: { password: REDACTED },
      observed: [REDACTED, REDACTED],
    });
    const ofConfigMap = workStatus('ConfigMap');
    expect(redactSecretValues(ofConfigMap)).toBe(ofConfigMap);
    const combined = (resource: string) => ({
      kind: 'CombinedStatus',
      metadata: {
        name: 'uid.uid',
        labels: {
          'status.kubestellar.io/api-group': '',
          'status.kubestellar.io/resource': resource,
        },
      },
      results: [
        {
          name: 'values',
          columnNames: ['cluster', 'password'],
          rows: [
            {
              columns: [
                { type: 'String', string: 'cluster1' },
                { type: 'Object', object: { password: PASSWORD } },
              ],
            },
          ],
        },
      ],
    });
    const redacted = redactSecretValues(combined('secrets'));
    expect(leaks(redacted)).toBe(false);
    expect(redacted.results[0].columnNames).toEqual(['cluster', 'password']);
    expect(redacted.results[0].rows[0].columns[1]).toEqual({
      type: 'Object',
      object: { password: REDACTED },
    });
    const ofDeployments = combined('deployments');
    expect(redactSecretValues(ofDeployments)).toBe(ofDeployments);
  });

  it("masks Helm's release records, in Secrets and in its ConfigMaps", () => {
    const release = Buffer.from(`H4sI-release-with-${PASSWORD}`).toString(
      'base64',
    );
    const helmSecret = secret({
      type: 'helm.sh/release.v1',
      data: { release },
    });
    expect(redactSecretValues(helmSecret).data).toEqual({ release: REDACTED });
    const helmConfigMap = {
      kind: 'ConfigMap',
      metadata: {
        name: 'sh.helm.release.v1.shop.v1',
        labels: { owner: 'helm', name: 'shop' },
      },
      data: { release },
    };
    expect(redactSecretValues(helmConfigMap).data).toEqual({
      release: REDACTED,
    });
    const plainConfigMap = {
      ...helmConfigMap,
      metadata: { name: 'c', labels: {} },
    };
    expect(redactSecretValues(plainConfigMap)).toBe(plainConfigMap);
  });

  it('masks the items of a SecretList, which come without a kind', () => {
    const list = {
      kind: 'SecretList',
      items: [{ metadata: { name: 'db' }, data: { password: PASSWORD } }],
    };
    expect(redactSecretValues(list).items).toEqual([
      { metadata: { name: 'db' }, data: { password: REDACTED } },
    ]);
  });

  it('redacts under a key named __proto__, which JSON allows', () => {
    const hostile = JSON.parse(
      `{"kind":"ManifestWork","spec":{"__proto__":${JSON.stringify(
        secret(),
      )}}}`,
    );
    expect(leaks(redactSecretValues(hostile))).toBe(false);
  });

  it('hides what nests deeper than any object does, rather than walk it', () => {
    let deep: any = secret();
    for (let i = 0; i < 5000; i++) deep = { nested: deep };
    expect(leaks(redactSecretValues(deep))).toBe(false);
  });
});

describe('findRedactedMarker', () => {
  it('names where a body holds the marker, first in document order', () => {
    expect(
      findRedactedMarker({
        spec: {
          workload: {
            manifests: [
              { kind: 'ConfigMap' },
              secret({ data: { a: REDACTED, b: REDACTED } }),
            ],
          },
        },
      }),
    ).toBe('spec.workload.manifests[1].data.a');
    expect(
      findRedactedMarker({
        metadata: {
          annotations: { [LAST_APPLIED]: `{"data":{"a":"${REDACTED}"}}` },
        },
      }),
    ).toBe(`metadata.annotations.${LAST_APPLIED}`);
    expect(
      findRedactedMarker([{ op: 'replace', path: '/data/a', value: REDACTED }]),
    ).toBe('[0].value');
    expect(findRedactedMarker(secret())).toBeUndefined();
  });

  it('walks a body of any depth', () => {
    let deep: any = { value: REDACTED };
    for (let i = 0; i < 20_000; i++) deep = { nested: deep };
    expect(findRedactedMarker(deep)).toMatch(/^nested\.nested\..*\.value$/);
  });
});
