import { mockCredentials } from '@backstage/backend-test-utils';
import { waitFor } from '../__testUtils__/simulatedFleet';
import { startBackendOnOneSimulatedCluster } from '../__testUtils__/testBackends';

jest.setTimeout(120_000);

/**
 * What a cluster's API server answers reaches the user as itself, through a real backend on the
 * simulator (whose faults make an API server fail on purpose).
 */
describe("a cluster's own answers", () => {
  let backend: Awaited<ReturnType<typeof startBackendOnOneSimulatedCluster>>;
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${backend.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    backend = await startBackendOnOneSimulatedCluster();
    await waitFor('cluster1 connected', async () => {
      const res = await send('GET', '/clusters');
      return (await res.json()).items?.[0]?.state === 'connected';
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('answers a 500 of the API server as a 500 from that cluster, not as an unreachable cluster', async () => {
    backend.fleet.failRequests('cluster1', 500, 1);
    const res = await send('GET', '/cluster1/shop/Deployment/storefront');
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.message).toMatch(
      /^The API server of cluster1 answered 500: /,
    );
    expect(body.error.message).not.toContain('could not be reached');
  });

  it("answers the API server's refusal of an object with its own status and message", async () => {
    const create = (name: unknown) =>
      send('POST', '/cluster1/objects', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: 'shop' },
      });
    const invalid = await create('Not_A_Name');
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.message).toContain(
      'The API server of cluster1 answered 422: ConfigMap "Not_A_Name" is invalid: metadata.name',
    );
    const numeric = await create(123);
    expect(numeric.status).toBe(400);
    expect((await numeric.json()).error.message).toBe(
      'The API server of cluster1 answered 400: ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    );
  });
});
