import { mockCredentials } from '@backstage/backend-test-utils';
import { EventSummary, WecsEventList } from '@kubestellar/plugin-wecs-common';
import request from 'supertest';
import { startFleet, waitFor } from '../__testUtils__/simulatedFleet';
import { startWecsBackend } from '../__testUtils__/testBackends';
import { MAX_OWNED_FOR_EVENTS } from './eventRoutes';

jest.setTimeout(120_000);

/** A workload's events with those of what it owns, against the simulated fleet. */
describe('event routes', () => {
  let stopFleet: () => Promise<void>;
  let stopBackend: () => Promise<void>;
  let baseUrl: string;
  const user = () => mockCredentials.user.header();

  const get = (path: string) =>
    request(baseUrl).get(path).set('Authorization', user());

  const uidOf = async (cluster: string, namespace: string, name: string) =>
    (await get(`/${cluster}/${namespace}/Deployment/${name}`)).body.metadata
      .uid as string;

  /** The Deployment's events with its owned objects', once `wanted` accepts them. */
  const ownedEvents = async (
    cluster: string,
    namespace: string,
    name: string,
    wanted: (list: WecsEventList) => boolean,
  ) => {
    const uid = await uidOf(cluster, namespace, name);
    let list: WecsEventList | undefined;
    await waitFor(
      `the events of ${name} and what it owns`,
      async () => {
        const res = await get(
          `/${cluster}/events?namespace=${namespace}&kind=Deployment&name=${name}&uid=${uid}&include=owned`,
        );
        expect(res.status).toBe(200);
        list = res.body;
        return wanted(list!);
      },
      60_000,
    );
    return { uid, list: list! };
  };

  const isPodEvent = (reason: string) => (event: EventSummary) =>
    event.involvedObject.kind === 'Pod' && event.reason === reason;

  beforeAll(async () => {
    const fleet = await startFleet({ clusters: 3 });
    stopFleet = fleet.stop;
    ({ baseUrl, stop: stopBackend } = await startWecsBackend({
      wecs: {
        kubeconfig: {
          path: fleet.kubeconfigPath,
          contexts: ['cluster2', 'cluster3'],
        },
      },
      webSockets: false,
    }));
    await waitFor(
      'cluster2 and cluster3 to connect',
      async () => {
        const clusters = (await get('/clusters')).body.items ?? [];
        return (
          clusters.length === 2 &&
          clusters.every((c: any) => c.state === 'connected')
        );
      },
      60_000,
    );
  });

  afterAll(async () => {
    await stopBackend?.();
    await stopFleet?.();
  });

  it("includes a pod's FailedScheduling in its Deployment's events, tagged with the pod", async () => {
    const { list } = await ownedEvents('cluster3', 'ml', 'gpu-trainer', l =>
      l.items.some(isPodEvent('FailedScheduling')),
    );
    const failed = list.items.find(isPodEvent('FailedScheduling'))!;
    expect(failed.type).toBe('Warning');
    expect(failed.involvedObject.name).toMatch(
      /^gpu-trainer-[a-z0-9]+-[a-z0-9]+$/,
    );
    // Its ReplicaSet and its pod, and the ReplicaSet's own events beside.
    expect(list.owned).toEqual({ queried: 2, total: 2 });
    expect(
      list.items.some(
        e =>
          e.involvedObject.kind === 'ReplicaSet' &&
          e.reason === 'SuccessfulCreate',
      ),
    ).toBe(true);
    const times = list.items.map(e => e.lastTimestamp ?? '');
    expect(times).toEqual([...times].sort().reverse());
  });

  it("includes a pod's image pull failure, and leaves the pods out unless asked", async () => {
    const { uid, list } = await ownedEvents(
      'cluster2',
      'staging',
      'image-pull-check',
      l => l.items.some(isPodEvent('Failed')),
    );
    expect(list.items.find(isPodEvent('Failed'))!.message).toContain(
      'Failed to pull image "registry.invalid/staging/checker:does-not-exist"',
    );
    const own = await get(
      `/cluster2/events?namespace=staging&kind=Deployment&name=image-pull-check&uid=${uid}`,
    );
    expect(own.status).toBe(200);
    expect(own.body.owned).toBeUndefined();
    expect(
      own.body.items.every(
        (e: EventSummary) => e.involvedObject.kind === 'Deployment',
      ),
    ).toBe(true);
  });

  it('reads the events of at most MAX_OWNED_FOR_EVENTS owned objects, and says how many it owns', async () => {
    const replicas = MAX_OWNED_FOR_EVENTS + 5;
    const scaled = await request(baseUrl)
      .patch('/cluster2/shop/Deployment/storefront?type=merge')
      .set('Authorization', user())
      .send({ spec: { replicas } });
    expect(scaled.status).toBe(200);
    const { list } = await ownedEvents(
      'cluster2',
      'shop',
      'storefront',
      l => (l.owned?.total ?? 0) > replicas,
    );
    expect(list.owned!.queried).toBe(MAX_OWNED_FOR_EVENTS);
    const involved = new Set(list.items.map(e => e.involvedObject.name));
    expect(involved.size).toBeLessThanOrEqual(MAX_OWNED_FOR_EVENTS + 1);
  });

  it.each([
    ['include=everything&uid=1234', 400, 'Invalid include "everything"'],
    ['include=owned&kind=Deployment&name=x', 400, "needs the object's uid"],
    ['include=owned&uid=not_a_uid', 400, 'Invalid uid'],
  ])('answers ?%s clearly', async (query, status, message) => {
    const res = await get(`/cluster2/events?namespace=shop&${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
    expect(JSON.stringify(res.body)).not.toContain('/work/');
  });
});
