import { ConfigReader } from '@backstage/config';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveredCluster } from '@kubestellar/plugin-wecs-node';
import { firstMembership, followSource } from '../__testUtils__/simulatedFleet';
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
    const { clusters, errors } = await firstMembership(sourceFor({ path }));
    expect(summary(clusters)).toEqual([
      {
        name: 'cluster1',
        source: 'kubeconfig',
        role: 'wec',
        context: 'cluster1',
        access: 'direct',
        server: 'https://east.example:6443',
      },
      {
        name: 'cluster2',
        source: 'kubeconfig',
        role: 'wec',
        context: 'cluster2',
        access: 'direct',
        server: 'https://west.example:6443',
      },
    ]);
    expect(errors).toEqual([
      `Context broken names cluster nowhere, which is not in kubeconfig ${path}`,
    ]);
  });

  it('lists only the configured contexts, in their order', async () => {
    const { clusters, errors } = await firstMembership(
      sourceFor({ path, contexts: ['cluster2', 'cluster1'] }),
    );
    expect(clusters.map(c => c.identity.name)).toEqual([
      'cluster2',
      'cluster1',
    ]);
    expect(errors).toEqual([]);
  });

  it('reports a configured context that the file lacks', async () => {
    const { clusters, errors } = await firstMembership(
      sourceFor({ path, contexts: ['cluster9'] }),
    );
    expect(clusters).toEqual([]);
    expect(errors).toEqual([`Context cluster9 is not in kubeconfig ${path}`]);
  });

  it('reports an unreadable file instead of throwing', async () => {
    const missing = join(dir, 'absent');
    const { clusters, errors } = await firstMembership(
      sourceFor({ path: missing }),
    );
    expect(clusters).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Cannot read kubeconfig ${missing}`);
  });

  describe('when the file changes on disk', () => {
    const names = (clusters: DiscoveredCluster[]) =>
      clusters.map(c => c.identity.name);

    it('adds and removes contexts, and sees a rotated token, without a restart', async () => {
      const source = followSource(sourceFor({ path }));
      try {
        const first = await source.next('the first report', () => true);
        expect(names(first.clusters)).toEqual(['cluster1', 'cluster2']);
        const before = first.clusters[0].client.fingerprint;

        // Written as tools do: a new file renamed over the old one.
        const edited = kubeconfig
          .replace('token: secret', 'token: rotated')
          .replace(
            '  - name: broken\n    context: { cluster: nowhere, user: admin }',
            '  - name: cluster3\n    context: { cluster: east, user: admin }',
          )
          .replace(
            '  - name: cluster2\n    context: { cluster: west, user: admin }\n',
            '',
          );
        writeFileSync(`${path}.new`, edited);
        renameSync(`${path}.new`, path);

        const after = await source.next('cluster3 added, cluster2 gone', m =>
          names(m.clusters).includes('cluster3'),
        );
        expect(names(after.clusters)).toEqual(['cluster1', 'cluster3']);
        expect(after.errors).toEqual([]);
        expect(after.clusters[0].client.fingerprint).not.toBe(before);
      } finally {
        source.stop();
      }
    });

    it('keeps the last good version when the file breaks, and says so', async () => {
      const source = followSource(sourceFor({ path }));
      try {
        await source.next('the first report', () => true);
        writeFileSync(path, 'clusters: [ {{ not yaml');
        const broken = await source.next('the broken file reported', m =>
          m.errors.some(e => e.includes('stays in use')),
        );
        expect(names(broken.clusters)).toEqual(['cluster1', 'cluster2']);
        expect(broken.errors[0]).toMatch(
          new RegExp(
            `^Cannot read kubeconfig ${path}: .*; the version read at \\S+ stays in use$`,
          ),
        );

        writeFileSync(path, kubeconfig);
        const mended = await source.next('the mended file read', m =>
          m.errors.every(e => !e.includes('stays in use')),
        );
        expect(names(mended.clusters)).toEqual(['cluster1', 'cluster2']);
      } finally {
        source.stop();
      }
    });
  });
});
