import { ConfigReader } from '@backstage/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveredCluster } from './ClusterSource';
import { KubeconfigClusterSource } from './KubeconfigClusterSource';

const kubeconfig = `
apiVersion: v1
kind: Config
clusters:
  - name: east
    cluster: { server: 'https://east.example:6443' }
  - name: west
    cluster: { server: 'https://west.example:6443' }
users:
  - name: admin
    user: { token: secret }
contexts:
  - name: cluster1
    context: { cluster: east, user: admin }
  - name: cluster2
    context: { cluster: west, user: admin }
  - name: broken
    context: { cluster: nowhere, user: admin }
current-context: cluster1
`;

describe('KubeconfigClusterSource', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wecs-kubeconfig-'));
    path = join(dir, 'config');
    writeFileSync(path, kubeconfig);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sourceFor = (section: object) =>
    KubeconfigClusterSource.fromConfig(
      new ConfigReader({ wecs: { kubeconfig: section } }),
    )!;

  it('is absent when no kubeconfig is configured', () => {
    expect(
      KubeconfigClusterSource.fromConfig(new ConfigReader({ wecs: {} })),
    ).toBeUndefined();
  });

  const summary = (clusters: DiscoveredCluster[]) =>
    clusters.map(c => ({ ...c.identity, server: c.client.server }));

  it('lists every context and reports one whose cluster is missing', async () => {
    const { clusters, errors } = await sourceFor({ path }).discover();
    expect(summary(clusters)).toEqual([
      {
        name: 'cluster1',
        source: 'kubeconfig',
        role: 'wec',
        context: 'cluster1',
        server: 'https://east.example:6443',
      },
      {
        name: 'cluster2',
        source: 'kubeconfig',
        role: 'wec',
        context: 'cluster2',
        server: 'https://west.example:6443',
      },
    ]);
    expect(errors).toEqual([
      `Context broken names cluster nowhere, which is not in kubeconfig ${path}`,
    ]);
  });

  it('lists only the configured contexts, in their order', async () => {
    const { clusters, errors } = await sourceFor({
      path,
      contexts: ['cluster2', 'cluster1'],
    }).discover();
    expect(clusters.map(c => c.identity.name)).toEqual([
      'cluster2',
      'cluster1',
    ]);
    expect(errors).toEqual([]);
  });

  it('reports a configured context that the file lacks', async () => {
    const { clusters, errors } = await sourceFor({
      path,
      contexts: ['cluster9'],
    }).discover();
    expect(clusters).toEqual([]);
    expect(errors).toEqual([`Context cluster9 is not in kubeconfig ${path}`]);
  });

  it('reports an unreadable file instead of throwing', async () => {
    const missing = join(dir, 'absent');
    const { clusters, errors } = await sourceFor({ path: missing }).discover();
    expect(clusters).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Cannot read kubeconfig ${missing}`);
  });
});
