import { desiredOf, driftBetween } from './drift';

const wdsCopy = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'hello',
    namespace: 'shop',
    uid: 'wds-uid',
    resourceVersion: '10',
    generation: 3,
    labels: { 'kubestellar.io/workload': 'hello', app: 'hello' },
    annotations: { 'deployment.kubernetes.io/revision': '3', team: 'shop' },
  },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
        ],
      },
    },
  },
  status: { replicas: 0 },
});

/** The copy as a WEC holds it: its own metadata, defaults filled in, status of its own. */
const deliveredCopy = () => {
  const copy: Record<string, any> = structuredClone(wdsCopy());
  copy.metadata = {
    ...copy.metadata,
    uid: 'wec-uid',
    resourceVersion: '77',
    generation: 1,
    ownerReferences: [{ kind: 'AppliedManifestWork', name: 'x', uid: 'u' }],
    labels: { ...copy.metadata.labels, 'added-on-the-wec': 'yes' },
    annotations: { 'deployment.kubernetes.io/revision': '1', team: 'shop' },
  };
  copy.spec.strategy = { type: 'RollingUpdate' };
  copy.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
  copy.status = { replicas: 2, readyReplicas: 2 };
  return copy;
};

describe('drift', () => {
  it('keeps what the transport carries: no status, no server-set metadata', () => {
    expect(desiredOf(wdsCopy())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'hello',
        namespace: 'shop',
        labels: { 'kubestellar.io/workload': 'hello', app: 'hello' },
        annotations: { team: 'shop' },
      },
      spec: wdsCopy().spec,
    });
  });

  it('finds none when the delivered copy only adds defaults, labels and status', () => {
    expect(driftBetween(wdsCopy(), deliveredCopy())).toEqual([]);
  });

  it('names each field the WEC holds with another value, or lacks', () => {
    const edited = deliveredCopy();
    edited.spec.replicas = 5;
    edited.spec.template.spec.containers[0].image = 'nginx:1.28';
    edited.metadata.labels['kubestellar.io/workload'] = 'other';
    delete edited.metadata.annotations.team;
    expect(driftBetween(wdsCopy(), edited)).toEqual([
      {
        path: 'metadata.labels["kubestellar.io/workload"]',
        desired: 'hello',
        actual: 'other',
      },
      {
        path: 'metadata.annotations',
        desired: { team: 'shop' },
        actual: undefined,
      },
      { path: 'spec.replicas', desired: 2, actual: 5 },
      {
        path: 'spec.template.spec.containers[0].image',
        desired: 'nginx:1.27',
        actual: 'nginx:1.28',
      },
    ]);
  });

  it("leaves out what each cluster sets for itself: a Service's IPs, a Job's selector", () => {
    const service = (ip: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { clusterIP: ip, clusterIPs: [ip], ports: [{ port: 80 }] },
    });
    expect(driftBetween(service('10.96.0.10'), service('10.96.7.7'))).toEqual(
      [],
    );
    // A headless Service stays headless: None is what it asks for.
    expect(
      driftBetween(service('None'), service('10.96.7.7')).map(d => d.path),
    ).toEqual(['spec.clusterIP', 'spec.clusterIPs[0]']);
    const job = (uid: string) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'report', namespace: 'batch', uid },
      spec: {
        suspend: false,
        selector: {
          matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
        },
        template: {
          metadata: {
            labels: {
              app: 'report',
              'batch.kubernetes.io/controller-uid': uid,
              'controller-uid': uid,
            },
          },
        },
      },
    });
    expect(driftBetween(job('wds'), job('wec'))).toEqual([]);
  });

  it('takes a list of another length as drift of the whole list', () => {
    const edited = deliveredCopy();
    edited.spec.template.spec.containers.push({ name: 'sidecar', image: 'x' });
    const [drift] = driftBetween(wdsCopy(), edited);
    expect(drift.path).toBe('spec.template.spec.containers');
    expect(drift.actual).toHaveLength(2);
  });
});
