import { mockCredentials } from '@backstage/backend-test-utils';
import { ClusterStatus } from '@kubestellar/plugin-wecs-common';
import { readFileSync } from 'node:fs';
import { waitFor } from '../__testUtils__/simulatedFleet';
import { startWecsBackend } from '../__testUtils__/testBackends';
import {
  startTestFleet,
  TestFleet,
  testFleetKinds,
} from '../__testUtils__/testFleets';

jest.setTimeout(300_000);

const user = mockCredentials.user.header();

/**
 * WECs reached through the hub alone: the backend's kubeconfig holds the ITS context and
 * nothing else, and every request, watch and log goes through OCM cluster-proxy's service
 * proxy. Against the simulator and real API servers.
 */
describe.each(testFleetKinds())(
  'access through the cluster-proxy on the %s',
  kind => {
    let fleet: TestFleet;
    let proxyUrl: string;
    let hubKubeconfig: string;
    let baseUrl: string;
    let stopBackend: () => Promise<void>;
    const settle = kind === 'kwok' ? 120_000 : 30_000;

    const get = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { Authorization: user },
      });
      return { status: response.status, body: await response.json() };
    };
    const cluster = async (name: string): Promise<ClusterStatus | undefined> =>
      (await get('/clusters')).body.items.find(
        (c: ClusterStatus) => c.name === name,
      );

    beforeAll(async () => {
      fleet = await startTestFleet(kind, { its: true });
      const proxy = await fleet.startClusterProxy();
      proxyUrl = proxy.url;
      hubKubeconfig = readFileSync(proxy.hubKubeconfigPath, 'utf8');
      ({ baseUrl, stop: stopBackend } = await startWecsBackend({
        webSockets: false,
        wecs: {
          its: {
            context: 'its1',
            kubeconfigPath: proxy.hubKubeconfigPath,
            access: 'cluster-proxy',
            clusterProxy: { url: proxyUrl },
          },
          watch: { maxBackoffSeconds: 1 },
        },
      }));
    });

    afterAll(async () => {
      await stopBackend?.();
      await fleet?.stop();
    });

    it('lists and watches every WEC through the proxy, and says so', async () => {
      // The backend has the ITS's context and nothing else.
      expect(hubKubeconfig).toContain('its1');
      expect(hubKubeconfig).not.toContain('cluster1');
      await waitFor(
        'cluster1 and cluster2 connected with their objects',
        async () => {
          const [one, two] = [
            await cluster('cluster1'),
            await cluster('cluster2'),
          ];
          return Boolean(
            one?.state === 'connected' &&
              two?.state === 'connected' &&
              one.counts.total > 20,
          );
        },
        settle,
      );
      const one = (await cluster('cluster1'))!;
      expect(one).toMatchObject({
        access: 'cluster-proxy',
        context: 'its1',
        server: `${proxyUrl}/cluster1`,
      });
      expect((await cluster('its1'))?.access).toBe('direct');

      // A change on the WEC reaches the store over the proxied watch.
      await fleet
        .client('cluster1')
        .sendJson('POST', '/api/v1/namespaces/shop/configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'through-the-hub' },
          data: { via: 'cluster-proxy' },
        });
      await waitFor(
        'the new ConfigMap in the store',
        async () =>
          (
            await get('/cluster1/resources?kind=ConfigMap&name=through-the-hub')
          ).body.items?.length === 1,
        settle,
      );

      // One object, fresh from the cluster, also through the proxy.
      const fresh = await get('/cluster1/shop/ConfigMap/through-the-hub');
      expect(fresh.status).toBe(200);
      expect(fresh.body.data).toEqual({ via: 'cluster-proxy' });
    });

    it('streams logs through the proxy', async () => {
      let text = '';
      await waitFor(
        'a log line of a running storefront pod',
        async () => {
          const pods = await get(
            '/cluster1/resources?kind=Pod&namespace=shop&name=storefront-&status=running',
          );
          const pod = pods.body.items?.[0]?.name;
          if (!pod) return false;
          const response = await fetch(
            `${baseUrl}/cluster1/logs?namespace=shop&pod=${pod}&container=web&tailLines=5`,
            { headers: { Authorization: user } },
          );
          text = response.ok ? await response.text() : '';
          return text.trim().length > 0;
        },
        settle,
      );
      expect(text.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    });

    it('shows a WEC the proxy answers 502 for as disconnected, and recovers', async () => {
      await fleet.setReachable('cluster2', false);
      try {
        await waitFor(
          'cluster2 disconnected with the 502',
          async () => {
            const two = await cluster('cluster2');
            return Boolean(
              two?.state === 'disconnected' && /502/.test(two.lastError ?? ''),
            );
          },
          settle,
        );
        expect((await cluster('cluster1'))?.state).toBe('connected');
      } finally {
        await fleet.setReachable('cluster2', true);
      }
      await waitFor(
        'cluster2 connected again',
        async () => (await cluster('cluster2'))?.state === 'connected',
        settle,
      );
    });

    it('impersonates the identity configured, and shows what RBAC refuses it', async () => {
      const impersonating = await startWecsBackend({
        webSockets: false,
        wecs: {
          its: {
            context: 'its1',
            kubeconfigPath: fleet.kubeconfigPath,
            access: 'cluster-proxy',
            clusterProxy: {
              url: proxyUrl,
              impersonate: {
                user: 'wecs-restricted',
                groups: ['system:authenticated'],
              },
            },
          },
        },
      });
      try {
        let refused: NonNullable<ClusterStatus['refused']> = [];
        await waitFor(
          'cluster1 refusing the impersonated user its pods fleet-wide',
          async () => {
            const response = await fetch(`${impersonating.baseUrl}/clusters`, {
              headers: { Authorization: user },
            });
            const one = (await response.json()).items.find(
              (c: ClusterStatus) => c.name === 'cluster1',
            );
            refused = one?.refused ?? [];
            return refused.some(r => r.kind === 'Pod');
          },
          settle,
        );
        expect(refused.find(r => r.kind === 'Pod')?.message).toContain(
          'wecs-restricted',
        );
      } finally {
        await impersonating.stop();
      }
    });
  },
);
