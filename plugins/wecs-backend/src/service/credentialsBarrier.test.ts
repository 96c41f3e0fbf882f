import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthenticationError } from '@backstage/errors';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import request from 'supertest';
import { credentialsBarrier } from './credentialsBarrier';
import { errorResponses } from './errorResponses';

/** An httpAuth that knows one token, "good", as a user's. */
const httpAuth = {
  credentials: async (req: express.Request) => {
    if (req.headers.authorization !== 'Bearer good')
      throw new AuthenticationError('Missing credentials');
    return { principal: { type: 'user', userEntityRef: 'user:default/me' } };
  },
} as unknown as HttpAuthService;

function app(config: object = {}) {
  const routes = express();
  routes.use(credentialsBarrier(httpAuth, new ConfigReader(config)));
  routes.get(/.*/, (req, res) => {
    res.json({ path: req.path });
  });
  routes.use(errorResponses(mockServices.logger.mock()));
  return routes;
}

describe('credentialsBarrier', () => {
  it('lets /health through without credentials, and nothing else', async () => {
    expect((await request(app()).get('/health')).status).toBe(200);
    expect((await request(app()).get('/health/')).status).toBe(200);
    const refused = await request(app()).get('/clusters');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({
      name: 'AuthenticationError',
      message: 'Missing credentials',
    });
    expect((await request(app()).get('/healthy')).status).toBe(401);
    const allowed = await request(app())
      .get('/clusters')
      .set('Authorization', 'Bearer good');
    expect(allowed.status).toBe(200);
  });

  it("stands aside when Backstage's default auth policy is turned off", async () => {
    const open = app({
      backend: { auth: { dangerouslyDisableDefaultAuthPolicy: true } },
    });
    expect((await request(open).get('/clusters')).status).toBe(200);
  });
});
