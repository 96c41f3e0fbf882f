import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { startFleet } from '../__testUtils__/simulatedFleet';
import { wecsPlugin } from '../plugin';

jest.setTimeout(60_000);

/** The cluster's own object: the ManagedCluster the ITS holds for it. */
describe('cluster object routes', () => {
  let stopFleet: () => Promise<void>;
  let server: any;
  const user = () => mockCredentials.user.header();

  beforeAll(async () => {
    const fleet = await startFleet({ clusters: 2, dynamics: false });
    stopFleet = fleet.stop;
    ({ server } = await startTestBackend({
      features: [
        wecsPlugin,
        mockServices.rootConfig.factory({
          data: {
            wecs: {
              its: { context: 'its1', kubeconfigPath: fleet.kubeconfigPath },
            },
          },
        }),
      ],
    }));
  });

  afterAll(async () => {
    await stopFleet?.();
  });

  it("reads a cluster's ManagedCluster from the ITS", async () => {
    const res = await request(server)
      .get('/api/wecs/clusters/cluster1/object')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'ManagedCluster',
      metadata: { name: 'cluster1', labels: { 'location-group': 'edge' } },
    });
    expect(res.body.metadata.managedFields).toBeUndefined();
  });

  it('replaces it, and refuses a stale resourceVersion or another object', async () => {
    const read = async () =>
      (
        await request(server)
          .get('/api/wecs/clusters/cluster2/object')
          .set('Authorization', user())
      ).body;
    const current = await read();
    const labelled = {
      ...current,
      metadata: {
        ...current.metadata,
        labels: { ...current.metadata.labels, tier: 'gold' },
      },
    };
    const saved = await request(server)
      .put('/api/wecs/clusters/cluster2/object')
      .set('Authorization', user())
      .send(labelled);
    expect(saved.status).toBe(200);
    expect(saved.body.metadata.labels.tier).toBe('gold');
    expect((await read()).metadata.labels.tier).toBe('gold');

    const stale = await request(server)
      .put('/api/wecs/clusters/cluster2/object')
      .set('Authorization', user())
      .send(labelled);
    expect(stale.status).toBe(409);

    const renamed = await request(server)
      .put('/api/wecs/clusters/cluster2/object')
      .set('Authorization', user())
      .send({ ...labelled, metadata: { ...labelled.metadata, name: 'x' } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.message).toMatch(
      /metadata.name must be cluster2/,
    );
  });

  it('says when no such ManagedCluster exists', async () => {
    const res = await request(server)
      .get('/api/wecs/clusters/cluster9/object')
      .set('Authorization', user());
    expect(res.status).toBe(404);
  });
});
