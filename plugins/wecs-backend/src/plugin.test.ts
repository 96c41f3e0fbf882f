import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { wecsPlugin } from './plugin';

const kubeconfig = `
apiVersion: v1
kind: Config
clusters:
  - name: east
    cluster: { server: 'https://east.example:6443' }
users:
  - name: admin
    user: { token: secret }
contexts:
  - name: cluster1
    context: { cluster: east, user: admin }
current-context: cluster1
`;

describe('wecs backend plugin', () => {
  let dir: string;
  let kubeconfigPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wecs-plugin-'));
    kubeconfigPath = join(dir, 'config');
    writeFileSync(kubeconfigPath, kubeconfig);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const startBackend = (
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) =>
    startTestBackend({
      features: [
        wecsPlugin,
        mockServices.rootConfig.factory({
          data: { wecs: { kubeconfig: { path: kubeconfigPath } } },
        }),
        mockServices.permissions.factory({ result }),
      ],
    });

  it('answers health without credentials', async () => {
    const { server } = await startBackend();
    const response = await request(server).get('/api/wecs/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
  });

  it('refuses the cluster list without credentials', async () => {
    const { server } = await startBackend();
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('lists the kubeconfig clusters for a signed-in user', async () => {
    const { server } = await startBackend();
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([]);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({
      name: 'cluster1',
      source: 'kubeconfig',
      context: 'cluster1',
      server: 'https://east.example:6443',
      counts: { total: 0 },
    });
    expect(['connecting', 'disconnected']).toContain(
      response.body.items[0].state,
    );
  });

  it('validates resource filters before touching the store', async () => {
    const { server } = await startBackend();
    const bad = await request(server)
      .get('/api/wecs/resources?status=sleeping')
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Invalid status "sleeping"');
    const unknown = await request(server)
      .get('/api/wecs/cluster9/resources')
      .set('Authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No cluster named cluster9 is monitored',
    );
  });

  it('answers 403 with a clear message when the read permission is denied', async () => {
    const { server } = await startBackend(AuthorizeResult.DENY);
    const response = await request(server)
      .get('/api/wecs/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('wecs.resources.read');
  });
});
