import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express, { Request } from 'express';
import request from 'supertest';
import { refuseRedactedWrites, secretSafeResponses } from './secretSafeHttp';

const secret = {
  kind: 'Secret',
  metadata: { name: 'db' },
  data: { password: 'aHVudGVyMg==' },
};

/** An app whose one route answers `body`, behind the middleware, with `decide` as the permission. */
function appAnswering(
  body: unknown,
  decide: (req: Request) => Promise<boolean>,
) {
  const app = express();
  app.use(secretSafeResponses(decide));
  app.use(express.json());
  app.use(refuseRedactedWrites);
  app.all('/object', (_req, res) => {
    res.json(body);
  });
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}

describe('secretSafeResponses', () => {
  it('sends Secret values redacted unless the request may read them', async () => {
    const denied = await request(appAnswering(secret, async () => false)).get(
      '/object',
    );
    expect(denied.body.data).toEqual({ password: '<redacted>' });
    const allowed = await request(appAnswering(secret, async () => true)).get(
      '/object',
    );
    expect(allowed.body.data).toEqual({ password: 'aHVudGVyMg==' });
  });

  it('asks the permission only of answers that carry values, and redacts when it cannot tell', async () => {
    const decide = jest.fn(async () => true);
    const plain = { kind: 'ConfigMap', data: { a: 'b' } };
    const answer = await request(appAnswering(plain, decide)).get('/object');
    expect(answer.body).toEqual(plain);
    expect(decide).not.toHaveBeenCalled();
    const failing = await request(
      appAnswering(secret, async () => {
        throw new Error('permission backend down');
      }),
    ).get('/object');
    expect(failing.status).toBe(200);
    expect(failing.body.data).toEqual({ password: '<redacted>' });
  });
});

describe('refuseRedactedWrites', () => {
  it('refuses a write whose body holds the marker, naming where, and lets others through', async () => {
    const app = appAnswering({ ok: true }, async () => true);
    const refused = await request(app)
      .put('/object')
      .send({ ...secret, data: { password: '<redacted>' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^The body holds "<redacted>" at data\.password: /,
    );
    const taken = await request(app).put('/object').send(secret);
    expect(taken.status).toBe(200);
    const read = await request(app).get('/object');
    expect(read.status).toBe(200);
  });
});
