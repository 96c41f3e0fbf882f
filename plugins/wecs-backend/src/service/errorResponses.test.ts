import { mockServices } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { ClusterApiError } from '../model/errors';
import { errorResponses } from './errorResponses';

/** An app whose one route throws `error`, answered by the plugin's error handler. */
function appThrowing(error: unknown) {
  const logger = mockServices.logger.mock();
  const app = express();
  app.use(express.json());
  app.post('/route', () => {
    throw error;
  });
  app.use(errorResponses(logger));
  return { app, logger };
}

describe('errorResponses', () => {
  it('answers a refusal with its status, its message and a request id, and nothing more', async () => {
    const { app, logger } = appThrowing(new InputError('Invalid kind "x"'));
    const res = await request(app).post('/route?kind=x');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { name: 'InputError', message: 'Invalid kind "x"' },
      request: { method: 'POST', url: '/route?kind=x', id: expect.any(String) },
      response: { statusCode: 400 },
    });
    expect(res.headers['x-request-id']).toBe(res.body.request.id);
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining(
        `Request ${res.body.request.id} refused with 400`,
      ),
    );
    const missing = appThrowing(new NotFoundError('No cluster named c9'));
    expect((await request(missing.app).post('/route')).status).toBe(404);
    const cluster = appThrowing(
      new ClusterApiError('The API server of c1 answered 500: etcd', 500),
    );
    const failed = await request(cluster.app).post('/route');
    expect(failed.status).toBe(500);
    expect(failed.body.error.message).toBe(
      'The API server of c1 answered 500: etcd',
    );
  });

  it("answers the backend's own failure without its message or stack, which the log keeps under the id", async () => {
    const bug = new TypeError(
      'a.localeCompare is not a function at /work/main/plugins/x.ts:1:2',
    );
    const { app, logger } = appThrowing(bug);
    const res = await request(app).post('/route');
    expect(res.status).toBe(500);
    const id = res.body.request.id;
    expect(res.body.error).toEqual({
      name: 'Error',
      message: `The backend failed to answer this request; its log has the details under request id ${id}`,
    });
    expect(res.text).not.toMatch(/localeCompare|\/work\/|stack/);
    expect(logger.error).toHaveBeenCalledWith(
      `Request ${id} failed with 500: POST /route`,
      bug,
    );
  });

  it('never echoes a body it could not parse', async () => {
    const { app } = appThrowing(new Error('unused'));
    const res = await request(app)
      .post('/route')
      .set('Content-Type', 'application/json')
      .send('{"password": "hunter2"');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The request body is not valid JSON');
    expect(res.text).not.toContain('hunter2');
  });
});
