import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  Log,
  makeInformer,
  Watch,
} from '@kubernetes/client-node';
import { request as httpsRequest } from 'node:https';
import { PassThrough } from 'node:stream';
import { Fleet } from './Fleet';
import { RESTRICTED_NAMESPACE, SHOP_NAMESPACE } from './workloads';

jest.setTimeout(60_000);

const waitFor = async <T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
};

describe('Fleet', () => {
  let fleet: Fleet;
  let kubeconfig: KubeConfig;

  const clientFor = (context: string, token?: string) => {
    const kc = new KubeConfig();
    kc.loadFromString(
      fleet.kubeconfig(
        token === undefined ? undefined : fleet.users.restricted,
      ),
    );
    kc.setCurrentContext(context);
    return kc;
  };

  /** Streams a raw API response, to see exactly what goes over the wire. */
  const openStream = (context: string, path: string) => {
    let text = '';
    let ended = false;
    const url = new URL(fleet.member(context).server.url + path);
    const req = httpsRequest(url, {
      ca: fleet.tls.caCert,
      headers: { Authorization: `Bearer ${fleet.users.admin.token}` },
    });
    req.on('response', res => {
      res.on('data', chunk => (text += chunk));
      res.on('end', () => (ended = true));
      res.on('error', () => (ended = true));
    });
    req.on('error', () => (ended = true));
    req.end();
    return { text: () => text, ended: () => ended, close: () => req.destroy() };
  };

  beforeAll(async () => {
    fleet = await Fleet.start({
      clusters: 3,
      tickMs: 100,
      bookmarkIntervalMs: 300,
      rolloutEveryMs: 0,
      availabilityFlipMs: 3000,
      driftRevertMs: 1000,
    });
    kubeconfig = clientFor('cluster1');
  });

  afterAll(() => fleet.stop());

  it('writes a kubeconfig with the KubeStellar contexts', () => {
    expect(kubeconfig.getContexts().map(c => c.name)).toEqual([
      'kind-kubeflex',
      'its1',
      'wds1',
      'cluster1',
      'cluster2',
      'cluster3',
      // Not cluster4, which asked to join and waits for the hub: its context comes once it joins.
    ]);
  });

  it('pages a list with limit and continue over one consistent snapshot', async () => {
    const core = kubeconfig.makeApiClient(CoreV1Api);
    await waitFor(
      'pods',
      async () => (await core.listPodForAllNamespaces()).items.length > 8,
    );
    const full = await core.listPodForAllNamespaces();
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listPodForAllNamespaces({
        limit: 3,
        _continue: token,
      });
      names.push(
        ...page.items.map(p => `${p.metadata!.namespace}/${p.metadata!.name}`),
      );
      token = page.metadata?._continue;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(full.items.length - 3);
  });

  it('answers a watch from a compacted resourceVersion with 410 Expired', async () => {
    const core = kubeconfig.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedConfigMap({
      namespace: SHOP_NAMESPACE,
    });
    const oldVersion = list.metadata!.resourceVersion!;
    await core.createNamespacedConfigMap({
      namespace: SHOP_NAMESPACE,
      body: { metadata: { name: 'after-the-list' }, data: { a: '1' } },
    });
    fleet.expireHistory('cluster1');
    const watch = openStream(
      'cluster1',
      `/api/v1/namespaces/${SHOP_NAMESPACE}/configmaps?watch=true&resourceVersion=${oldVersion}`,
    );
    await waitFor('the watch to end', () => watch.ended());
    const events = watch
      .text()
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({
      kind: 'Status',
      code: 410,
      reason: 'Expired',
    });
  });

  it('sends bookmarks to watches that allow them', async () => {
    const core = kubeconfig.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedConfigMap({
      namespace: SHOP_NAMESPACE,
    });
    const types: string[] = [];
    const controller = await new Watch(kubeconfig).watch(
      `/api/v1/namespaces/${SHOP_NAMESPACE}/configmaps`,
      {
        resourceVersion: list.metadata!.resourceVersion,
        allowWatchBookmarks: true,
      },
      type => types.push(type),
      () => {},
    );
    expect(await waitFor('a bookmark', () => types.includes('BOOKMARK'))).toBe(
      true,
    );
    controller.abort();
  });

  it('keeps an informer equal to the API server through cut watches, 410s, errors and an outage', async () => {
    const core = kubeconfig.makeApiClient(CoreV1Api);
    const informer = makeInformer(kubeconfig, '/api/v1/pods', () =>
      core.listPodForAllNamespaces(),
    );
    informer.on('error', () => {
      // As client-node asks of its users: restart after an error, with a pause.
      setTimeout(() => informer.start().catch(() => {}), 200);
    });
    await informer.start();
    const snapshot = (pods: readonly KubernetesObject[]) =>
      pods
        .map(
          p =>
            `${p.metadata!.namespace}/${p.metadata!.name}@${
              p.metadata!.resourceVersion
            }`,
        )
        .sort()
        .join('\n');
    const consistent = async () => {
      const actual = await core.listPodForAllNamespaces();
      return snapshot(informer.list()) === snapshot(actual.items);
    };
    const scale = async (replicas: number) => {
      const apps = kubeconfig.makeApiClient(AppsV1Api);
      await apps.patchNamespacedDeploymentScale({
        name: 'storefront',
        namespace: SHOP_NAMESPACE,
        body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
      });
    };
    await waitFor('the informer to sync', consistent);

    fleet.cutWatches('cluster1');
    await scale(4);
    await waitFor('consistency after a cut watch', consistent);

    fleet.expireHistory('cluster1');
    fleet.cutWatches('cluster1');
    await scale(2);
    await waitFor('consistency after 410 Gone', consistent);

    fleet.failRequests('cluster1', 500, 2);
    fleet.cutWatches('cluster1');
    await waitFor('consistency after 500s', consistent);

    await fleet.setReachable('cluster1', false);
    fleet.rolloutStorefront();
    await new Promise(resolve => setTimeout(resolve, 1500));
    await fleet.setReachable('cluster1', true);
    await waitFor('consistency after an outage', consistent, 30_000);
    expect(await consistent()).toBe(true);
    await informer.stop();
  });

  it('refuses the restricted token in its namespace and at cluster scope', async () => {
    const core = clientFor('cluster1', 'restricted').makeApiClient(CoreV1Api);
    await expect(
      core.listNamespacedPod({ namespace: RESTRICTED_NAMESPACE }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(core.listPodForAllNamespaces()).rejects.toMatchObject({
      code: 403,
    });
    const allowed = await core.listNamespacedPod({ namespace: SHOP_NAMESPACE });
    expect(allowed.items.length).toBeGreaterThan(0);
  });

  describe('dynamics', () => {
    const pods = async (context: string, namespace: string) =>
      (
        await clientFor(context)
          .makeApiClient(CoreV1Api)
          .listNamespacedPod({ namespace })
      ).items;

    it('crash-loops the canary on cluster2 with restarts and previous logs', async () => {
      const pod = await waitFor('a restarted canary pod', async () =>
        (
          await pods('cluster2', SHOP_NAMESPACE)
        ).find(
          p =>
            p.metadata!.name!.startsWith('recommendations-') &&
            (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0,
        ),
      );
      expect(
        pod.status!.containerStatuses![0].lastState?.terminated?.exitCode,
      ).toBe(1);
      const out = new PassThrough();
      let text = '';
      out.on('data', chunk => (text += chunk));
      await new Log(clientFor('cluster2')).log(
        SHOP_NAMESPACE,
        pod.metadata!.name!,
        'web',
        out,
        { previous: true },
      );
      await waitFor('previous logs', () =>
        text.includes('exiting with code 1'),
      );
    });

    it('fails an image pull and leaves an unschedulable pod pending, with events', async () => {
      await waitFor('an image pull failure', async () =>
        (
          await pods('cluster2', 'staging')
        ).some(p =>
          ['ErrImagePull', 'ImagePullBackOff'].includes(
            p.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? '',
          ),
        ),
      );
      const warningReasons = async (context: string) =>
        (
          await clientFor(context)
            .makeApiClient(CoreV1Api)
            .listEventForAllNamespaces({ fieldSelector: 'type=Warning' })
        ).items.map(e => e.reason);
      await expect(
        waitFor('a Failed pull event', async () =>
          (await warningReasons('cluster2')).includes('Failed'),
        ),
      ).resolves.toBe(true);
      const pending = await waitFor('the unschedulable trainer', async () =>
        (
          await pods('cluster3', 'ml')
        ).find(p =>
          p.status?.conditions?.some(
            c => c.type === 'PodScheduled' && c.reason === 'Unschedulable',
          ),
        ),
      );
      expect(pending.status!.phase).toBe('Pending');
      await expect(
        waitFor('a FailedScheduling event', async () =>
          (await warningReasons('cluster3')).includes('FailedScheduling'),
        ),
      ).resolves.toBe(true);
    });

    it('completes a Job', async () => {
      const job = await waitFor('the report job to complete', async () => {
        const batch = await clientFor('cluster1')
          .makeApiClient(CoreV1Api)
          .listNamespacedPod({ namespace: 'batch' });
        return (
          batch.items.filter(p => p.status?.phase === 'Succeeded').length >=
            2 && batch.items
        );
      });
      expect(job.length).toBeGreaterThanOrEqual(2);
    });

    it('rolls out new pods when the template changes', async () => {
      const before = new Set(
        (await pods('cluster1', SHOP_NAMESPACE))
          .filter(p => p.metadata!.name!.startsWith('storefront-'))
          .map(p => p.metadata!.name),
      );
      fleet.rolloutStorefront();
      await expect(
        waitFor(
          'every storefront pod replaced',
          async () => {
            const now = (await pods('cluster1', SHOP_NAMESPACE)).filter(
              p =>
                p.metadata!.name!.startsWith('storefront-') &&
                p.status?.phase === 'Running' &&
                !p.metadata!.deletionTimestamp,
            );
            return (
              now.length >= 2 && now.every(p => !before.has(p.metadata!.name))
            );
          },
          40_000,
        ),
      ).resolves.toBe(true);
    });

    it('delivers what a policy newly binds, follows WDS edits and withdraws what it no longer binds', async () => {
      const wds = clientFor('wds1').makeApiClient(AppsV1Api);
      const wdsCustom = clientFor('wds1').makeApiClient(CustomObjectsApi);
      const inWec = (cluster: string) =>
        clientFor(cluster).makeApiClient(AppsV1Api).readNamespacedDeployment({
          name: 'hello',
          namespace: SHOP_NAMESPACE,
        });
      await wds.createNamespacedDeployment({
        namespace: SHOP_NAMESPACE,
        body: {
          metadata: {
            name: 'hello',
            labels: { 'app.kubernetes.io/part-of': 'shop' },
          },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'hello' } },
            template: {
              metadata: { labels: { app: 'hello' } },
              spec: { containers: [{ name: 'hello', image: 'nginx:1.27' }] },
            },
          },
        },
      });
      for (const cluster of ['cluster1', 'cluster2', 'cluster3']) {
        const copy = await waitFor(`hello in ${cluster}`, () => inWec(cluster));
        expect(copy.metadata!.ownerReferences![0].kind).toBe(
          'AppliedManifestWork',
        );
        expect(copy.metadata!.ownerReferences![0].name).toMatch(
          /-shop-everywhere-wds1-0$/,
        );
      }
      const binding = (await wdsCustom.getClusterCustomObject({
        group: 'control.kubestellar.io',
        version: 'v1alpha1',
        plural: 'bindings',
        name: 'shop-everywhere',
      })) as any;
      expect(binding.spec.workload.namespaceScope).toContainEqual(
        expect.objectContaining({ resource: 'deployments', name: 'hello' }),
      );
      expect(binding.spec.destinations).toEqual([
        { clusterId: 'cluster1' },
        { clusterId: 'cluster2' },
        { clusterId: 'cluster3' },
      ]);
      // The WEC copies run, then follow an edit of the WDS copy.
      await waitFor(
        'hello ready in cluster1',
        async () => (await inWec('cluster1')).status?.readyReplicas === 2,
      );
      const staged = await wds.readNamespacedDeployment({
        name: 'hello',
        namespace: SHOP_NAMESPACE,
      });
      staged.spec!.replicas = 3;
      await wds.replaceNamespacedDeployment({
        name: 'hello',
        namespace: SHOP_NAMESPACE,
        body: staged,
      });
      await waitFor(
        'three replicas wanted in cluster2',
        async () => (await inWec('cluster2')).spec?.replicas === 3,
      );
      // Without the label the policy no longer binds it: the work agent removes the copies.
      const unlabelled = await wds.readNamespacedDeployment({
        name: 'hello',
        namespace: SHOP_NAMESPACE,
      });
      unlabelled.metadata!.labels = {};
      await wds.replaceNamespacedDeployment({
        name: 'hello',
        namespace: SHOP_NAMESPACE,
        body: unlabelled,
      });
      await waitFor('hello withdrawn from cluster3', async () => {
        try {
          await inWec('cluster3');
          return false;
        } catch (error: any) {
          return error.code === 404;
        }
      });
    });

    it('delivers a Service without its WDS cluster IP, so each WEC allocates its own', async () => {
      const storefront = (cluster: string) =>
        clientFor(cluster).makeApiClient(CoreV1Api).readNamespacedService({
          name: 'storefront',
          namespace: SHOP_NAMESPACE,
        });
      const staged = await storefront('wds1');
      const copies = await Promise.all(
        ['cluster1', 'cluster2'].map(storefront),
      );
      for (const copy of copies) {
        expect(copy.spec!.clusterIP).toMatch(/^10\.96\./);
        expect(copy.spec!.clusterIP).not.toBe(staged.spec!.clusterIP);
      }
    });

    it('puts back a delivered copy changed on its WEC once it has stayed changed for a while', async () => {
      const storefront = (cluster: string) =>
        clientFor(cluster).makeApiClient(AppsV1Api).readNamespacedDeployment({
          name: 'storefront',
          namespace: SHOP_NAMESPACE,
        });
      const staged = await storefront('wds1');
      const copy = await storefront('cluster2');
      expect(copy.metadata!.ownerReferences![0].kind).toBe(
        'AppliedManifestWork',
      );
      expect(copy.metadata!.labels).toEqual(staged.metadata!.labels);
      copy.spec!.replicas = staged.spec!.replicas! + 4;
      delete copy.metadata!.labels!['kubestellar.io/workload'];
      await clientFor('cluster2')
        .makeApiClient(AppsV1Api)
        .replaceNamespacedDeployment({
          name: 'storefront',
          namespace: SHOP_NAMESPACE,
          body: copy,
        });
      const reverted = await waitFor(
        'storefront put back on cluster2',
        async () => {
          const now = await storefront('cluster2');
          return now.spec!.replicas === staged.spec!.replicas ? now : undefined;
        },
      );
      expect(reverted.metadata!.labels).toEqual(staged.metadata!.labels);
    });

    it('flips the availability of the last WEC to Unknown and back', async () => {
      const custom = clientFor('its1').makeApiClient(CustomObjectsApi);
      const availability = async () => {
        const cluster = (await custom.getClusterCustomObject({
          group: 'cluster.open-cluster-management.io',
          version: 'v1',
          plural: 'managedclusters',
          name: 'cluster3',
        })) as any;
        return cluster.status.conditions.find(
          (c: any) => c.type === 'ManagedClusterConditionAvailable',
        ).status;
      };
      await expect(
        waitFor('Unknown', async () => (await availability()) === 'Unknown'),
      ).resolves.toBe(true);
      await expect(
        waitFor('True again', async () => (await availability()) === 'True'),
      ).resolves.toBe(true);
    });

    it('follows a container log as new lines are written', async () => {
      const pod = (await pods('cluster1', SHOP_NAMESPACE)).find(
        p =>
          p.metadata!.name!.startsWith('payments-') &&
          p.status?.phase === 'Running',
      )!;
      const log = openStream(
        'cluster1',
        `/api/v1/namespaces/${SHOP_NAMESPACE}/pods/${
          pod.metadata!.name
        }/log?container=web&follow=true&tailLines=1`,
      );
      await waitFor(
        'new log lines',
        () => log.text().trim().split('\n').length >= 3,
      );
      expect(log.ended()).toBe(false);
      log.close();
    });

    it('writes a burst of log lines that followers receive in full', async () => {
      const pod = (await pods('cluster1', SHOP_NAMESPACE)).find(p =>
        p.metadata!.name!.startsWith('payments-'),
      )!;
      const log = openStream(
        'cluster1',
        `/api/v1/namespaces/${SHOP_NAMESPACE}/pods/${
          pod.metadata!.name
        }/log?container=web&follow=true&tailLines=0`,
      );
      await new Promise(resolve => setTimeout(resolve, 200));
      fleet.logBurst(
        'cluster1',
        SHOP_NAMESPACE,
        pod.metadata!.name!,
        'web',
        5000,
      );
      await waitFor(
        'the burst',
        () => log.text().trim().split('\n').length >= 5000,
      );
      log.close();
      expect(() =>
        fleet.logBurst('cluster1', SHOP_NAMESPACE, 'no-such-pod', 'web', 1),
      ).toThrow('cluster1 has no pod shop/no-such-pod');
    });
  });
});
