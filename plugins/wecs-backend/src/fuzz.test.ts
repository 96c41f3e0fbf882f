import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  FLEET_SOCKET_PATH,
  LOGS_SOCKET_PATH,
  WECS_SOCKET_PROTOCOL,
} from '@kubestellar/plugin-wecs-common';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { startFleet } from './__testUtils__/simulatedFleet';
import { startWecsBackend } from './__testUtils__/testBackends';
import { createRouter } from './service/router';
import { createStreamRouter } from './sockets/streamRoutes';
import {
  FuzzAuth,
  FuzzRequest,
  FUZZ_ROUTES,
  KnownNames,
  requestsFor,
} from './__testUtils__/fuzz/routeCatalogue';
import { fleetMessages, logQueries } from './__testUtils__/fuzz/socketMessages';
import { faultOf, FuzzTally } from './__testUtils__/fuzz/verdicts';

// `./wecs fuzz` sets more; `./wecs test` runs this short form.
const INPUTS = Number(process.env.WECS_FUZZ_INPUTS ?? 2_000);
const SEED = Number(process.env.WECS_FUZZ_SEED ?? Date.now() % 2 ** 31);

jest.setTimeout(Math.max(600_000, INPUTS * 300));

/** The demo fleet's Secret `shop/payments-credentials`: its password, as text and as data. */
const PASSWORD = 's3cr3t-demo-password';
const SECRETS = [PASSWORD, Buffer.from(PASSWORD).toString('base64')];

/**
 * Node's HTTP server reads at most this much of a request's line and headers; it resets an
 * upgrade request over it before any handler runs (ordinary requests get a 431).
 */
const NODE_HEADER_LIMIT = 16 * 1024;
/** How long one answer may take before it counts as none. */
const ANSWER_MS = 15_000;
/** How long a streamed answer (an event stream, a log socket) is read before it is left. */
const STREAM_READ_MS = 1_000;

const authHeader = (auth: FuzzAuth): Record<string, string> => {
  switch (auth) {
    case 'user':
      return { Authorization: mockCredentials.user.header() };
    case 'none':
      return { Authorization: mockCredentials.none.header() };
    default:
      return { Authorization: 'Bearer forged.eyJzdWIiOiJhZG1pbiJ9.x' };
  }
};

/** What fast-check says of a failed property, short: the fault, then its shrunk input. */
function summaryOf(error: Error): string {
  const clip = (text: string, length: number) =>
    text.length > length ? `${text.slice(0, length)}…` : text;
  // fast-check 4 keeps what the property threw as the cause.
  const fault =
    error.cause instanceof Error ? error.cause.message : error.message;
  const input = error.message.match(/Counterexample: (.*)/)?.[1] ?? '';
  return `${clip(fault, 300)}; input ${clip(input, 300)}`;
}

/** The method and pattern of every route the plugin's routers register. */
async function registeredRoutes(): Promise<string[]> {
  const stub = {} as any;
  const routers = [
    createStreamRouter(stub),
    await createRouter({
      ...stub,
      logger: mockServices.logger.mock(),
      transports: [],
    }),
  ];
  return routers.flatMap(router =>
    router.stack.flatMap((layer: any) =>
      layer.route
        ? Object.keys(layer.route.methods).map(
            method => `${method.toUpperCase()} ${layer.route.path}`,
          )
        : [],
    ),
  );
}

/** Reads at most `STREAM_READ_MS` of an answer's body (event streams never end on their own). */
async function bodyOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  const deadline = Date.now() + STREAM_READ_MS;
  const timeout = new Promise<'late'>(resolve =>
    setTimeout(() => resolve('late'), STREAM_READ_MS),
  );
  try {
    while (Date.now() < deadline) {
      const read = await Promise.race([reader.read(), timeout]);
      if (read === 'late' || read.done) break;
      chunks.push(read.value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString();
}

describe('fuzz: bad input on every route and socket message', () => {
  let stop: Array<() => Promise<void>> = [];
  let baseUrl: string;
  let known: KnownNames;
  const tally = new FuzzTally();

  beforeAll(async () => {
    const fleet = await startFleet({ clusters: 2 });
    stop.push(fleet.stop);
    const backend = await startWecsBackend({
      webSockets: true,
      // A user who may read and change everything but Secret values.
      denied: new Set(['wecs.secrets.read']),
      wecs: {
        kubeconfig: { path: fleet.kubeconfigPath },
        // One user sends everything here, as fast as answers come: the rate limit would
        // refuse most of it with 429 before the input reached the code behind.
        limits: { requestsPerSecond: 1_000_000, requestBurst: 1_000_000 },
      },
    });
    stop.unshift(backend.stop);
    baseUrl = backend.baseUrl;
    const get = async (path: string) =>
      (
        await fetch(`${baseUrl}${path}`, { headers: authHeader('user') })
      ).json();
    let resources: any[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      resources = (await get('/resources?limit=500')).items ?? [];
      if (resources.length > 50) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    const clusters = (await get('/clusters')).items.map((c: any) => c.name);
    const manifestWorks = await get(
      '/its1/objects?kind=ManifestWork&apiVersion=work.open-cluster-management.io/v1',
    );
    const unique = (values: string[]) => [...new Set(values.filter(Boolean))];
    known = {
      clusters,
      namespaces: unique(['cluster1', ...resources.map(r => r.namespace)]),
      kinds: unique(['ManifestWork', 'Secret', ...resources.map(r => r.kind)]),
      names: unique([
        'payments-credentials',
        ...resources.map(r => r.name),
        ...(manifestWorks.items ?? []).map((m: any) => m.name),
      ]).slice(0, 300),
      apiVersions: [
        'v1',
        'apps/v1',
        'work.open-cluster-management.io/v1',
        'control.kubestellar.io/v1alpha1',
      ],
    };
    // eslint-disable-next-line no-console
    console.log(
      `fuzz: seed ${SEED} (WECS_FUZZ_SEED=${SEED} repeats this run), ${INPUTS} inputs asked`,
    );
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(tally.report());
    for (const stopping of stop) await stopping();
    stop = [];
  });

  /** Runs `property` over `arbitrary`, keeping its shrunk counterexample as the target's fault. */
  async function sweep<T>(
    target: string,
    arbitrary: fc.Arbitrary<T>,
    runs: number,
    property: (input: T) => Promise<string | undefined>,
  ) {
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, async input => {
          const fault = await property(input);
          if (fault) throw new Error(fault);
        }),
        { numRuns: runs, seed: SEED },
      );
    } catch (error) {
      tally.fault(target, summaryOf(error as Error));
    }
    const health = await fetch(`${baseUrl}/health`);
    if (health.status >= 500)
      tally.fault(
        target,
        `the backend stopped answering health (${health.status})`,
      );
  }

  async function send(request: FuzzRequest) {
    const headers: Record<string, string> = authHeader(request.auth);
    if (request.contentType) headers['Content-Type'] = request.contentType;
    try {
      const response = await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body,
        signal: AbortSignal.timeout(ANSWER_MS),
      });
      return { status: response.status, body: await bodyOf(response) };
    } catch (error) {
      return { status: 0, body: String((error as Error).cause ?? error) };
    }
  }

  it('knows every route the routers register', async () => {
    const catalogued = FUZZ_ROUTES.map(r => `${r.method} ${r.path}`).sort();
    expect((await registeredRoutes()).sort()).toEqual(catalogued);
  });

  it('answers every bad request with a 4xx that keeps secrets and internals to itself', async () => {
    const runs = Math.ceil((INPUTS * 0.65) / FUZZ_ROUTES.length);
    for (const route of FUZZ_ROUTES) {
      const target = `${route.method} ${route.path}`;
      await sweep(target, requestsFor(route, known), runs, async request => {
        const { status, body } = await send(request);
        tally.count(target, status === 0 ? 'no answer' : String(status));
        if (status === 0) return `gave no answer: ${body}`;
        return faultOf({
          status,
          body,
          auth: request.auth,
          open: route.path === '/health',
          secrets: SECRETS,
        });
      });
    }
    expect(
      tally.faultsOf(...FUZZ_ROUTES.map(r => `${r.method} ${r.path}`)),
    ).toEqual({});
  });

  /**
   * Opens a socket as `auth`: the handshake's status when it is refused, else the socket,
   * collecting what the backend sends and how it closes.
   */
  function openSocket(path: string, auth: FuzzAuth) {
    return new Promise<
      | { refused: number; body: string }
      | {
          ws: WebSocket;
          received: string[];
          closed: Promise<{ code: number; reason: string }>;
        }
    >(resolve => {
      const ws = new WebSocket(
        `${baseUrl.replace(/^http/, 'ws')}${path}`,
        [WECS_SOCKET_PROTOCOL],
        { headers: authHeader(auth) },
      );
      const received: string[] = [];
      ws.on('message', data => received.push(data.toString()));
      const closed = new Promise<{ code: number; reason: string }>(done =>
        ws.once('close', (code, reason) =>
          done({ code, reason: reason.toString() }),
        ),
      );
      ws.once('open', () => resolve({ ws, received, closed }));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve({ refused: res.statusCode ?? 0, body }));
      });
      ws.once('error', error =>
        resolve({ refused: 0, body: String(error.message) }),
      );
    });
  }

  /**
   * What is wrong with how the backend closed a socket: anything but a normal close, a policy
   * refusal (1008, or the protocol's own 4xxx codes) with its reason, or 1009 for a message
   * over the size limit (the code says it all).
   */
  const badClose = (code: number, reason: string) => {
    if (code === 1000 || code === 1001 || code === 1009) return undefined;
    if (code === 1008 || (code >= 4000 && code < 5000))
      return reason ? undefined : `closed with ${code} and no reason`;
    return `closed with ${code}${reason ? ` (${reason})` : ''}`;
  };

  it('answers every bad fleet socket message with an error message, and keeps answering', async () => {
    const runs = Math.ceil((INPUTS * 0.25) / 2);
    const target = `socket ${FLEET_SOCKET_PATH}`;
    const sessions = fc.record({
      auth: fc.constantFrom<FuzzAuth>('user', 'user', 'user', 'none', 'forged'),
      messages: fc.array(fleetMessages(known), { minLength: 1, maxLength: 6 }),
    });
    await sweep(target, sessions, runs, async ({ auth, messages }) => {
      const socket = await openSocket(FLEET_SOCKET_PATH, auth);
      if ('refused' in socket) {
        tally.count(target, `refused ${socket.refused}`);
        if (socket.refused >= 500 || socket.refused === 0)
          return `the handshake answered ${socket.refused}: ${socket.body}`;
        return faultOf({
          status: socket.refused,
          body: socket.body,
          auth,
          open: false,
          secrets: SECRETS,
        });
      }
      if (auth !== 'user') {
        socket.ws.terminate();
        return 'opened without authentication';
      }
      for (const message of messages) {
        tally.count(target, 'message');
        socket.ws.send(message);
      }
      // A search that must still be answered: the socket lives on after what came before.
      socket.ws.send(
        JSON.stringify({
          type: 'search',
          id: 'still-there',
          name: 'storefront',
        }),
      );
      let answered: 'answered' | 'closed' | 'silent' = 'silent';
      for (const deadline = Date.now() + ANSWER_MS; Date.now() < deadline; ) {
        if (socket.received.some(m => m.includes('"still-there"'))) {
          answered = 'answered';
          break;
        }
        if (socket.ws.readyState !== WebSocket.OPEN) {
          answered = 'closed';
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      socket.ws.close();
      const { code, reason } = await socket.closed;
      const everything = socket.received.join('\n');
      if (answered === 'silent')
        return 'stopped answering after these messages';
      if (answered === 'closed') {
        const bad = badClose(code, reason);
        if (bad) return bad;
      }
      return faultOf({
        status: 200,
        body: everything,
        auth,
        open: false,
        secrets: SECRETS,
      });
    });
    expect(tally.faultsOf(target)).toEqual({});
  });

  it('refuses every bad log socket with a 4xx, or streams and ends it cleanly', async () => {
    const runs = Math.ceil(INPUTS * 0.1);
    const target = `socket ${LOGS_SOCKET_PATH}`;
    const sessions = fc.record({
      auth: fc.constantFrom<FuzzAuth>('user', 'user', 'user', 'none', 'forged'),
      query: logQueries(known),
    });
    await sweep(target, sessions, runs, async ({ auth, query }) => {
      const socket = await openSocket(`${LOGS_SOCKET_PATH}?${query}`, auth);
      if ('refused' in socket) {
        if (socket.refused === 0 && query.length > NODE_HEADER_LIMIT) {
          tally.count(target, 'reset: request line over 16 KB');
          return undefined;
        }
        tally.count(target, `refused ${socket.refused}`);
        if (socket.refused === 0) return `no answer: ${socket.body}`;
        return faultOf({
          status: socket.refused,
          body: socket.body,
          auth,
          open: false,
          secrets: SECRETS,
        });
      }
      tally.count(target, 'opened');
      if (auth !== 'user') {
        socket.ws.terminate();
        return 'opened without authentication';
      }
      await new Promise(resolve => setTimeout(resolve, 200));
      socket.ws.close();
      const { code, reason } = await socket.closed;
      return (
        badClose(code, reason) ??
        faultOf({
          status: 200,
          body: socket.received.join('\n'),
          auth,
          open: false,
          secrets: SECRETS,
        })
      );
    });
    expect(tally.faultsOf(target)).toEqual({});
  });

  it(`sent at least the ${INPUTS} inputs asked for`, () => {
    expect(tally.inputs).toBeGreaterThanOrEqual(INPUTS);
  });
});
