import { createServer, IncomingMessage, Server } from 'node:http';
import { KubeObject } from './api/types';
import { ClusterRequestError, Fleet } from './fleet/Fleet';

const MAX_BODY_BYTES = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY_BYTES)
      throw new ClusterRequestError(400, 'the request body is too large');
  }
  return text;
}

/** A request body as JSON, or a 400 saying it is not. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ClusterRequestError(
      400,
      `the body is not JSON: ${(error as Error).message}`,
    );
  }
}

/** The `{name, labels}` body of POST /clusters, or a 400 saying what is wrong with it. */
function parseClusterRequest(text: string): {
  name: string;
  labels: Record<string, string>;
} {
  const body = parseJson(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ClusterRequestError(
      400,
      'the body must be a JSON object: {"name": "...", "labels": {...}}',
    );
  const { name, labels } = body as { name?: unknown; labels?: unknown };
  if (typeof name !== 'string')
    throw new ClusterRequestError(400, 'name must be a string');
  return { name, labels: (labels ?? {}) as Record<string, string> };
}

/**
 * The body of POST /clusters/NAME/inject: any JSON object with an apiVersion and kind naming a
 * served type and a metadata object (whatever that holds), or a 400 saying what is missing.
 */
function parseInjectedObject(text: string): KubeObject {
  const object = parseJson(text) as Record<string, unknown> | null;
  if (
    typeof object !== 'object' ||
    object === null ||
    Array.isArray(object) ||
    typeof object.apiVersion !== 'string' ||
    typeof object.kind !== 'string' ||
    typeof object.metadata !== 'object' ||
    object.metadata === null ||
    Array.isArray(object.metadata)
  )
    throw new ClusterRequestError(
      400,
      'the body must be an object with an apiVersion, a kind and a metadata object',
    );
  return object as unknown as KubeObject;
}

/**
 * A loopback HTTP API for injecting faults into a running fleet from another process:
 *
 *   GET  /clusters                              each cluster's role, URL, reachability, open
 *                                               watches and (for WECs) fleet membership
 *   POST /clusters   {"name": N, "labels": {}}  a new WEC runs `clusteradm join`: 201 with
 *                                               {name, server, context} (context null with
 *                                               --hub-only); 400 or 409 with {error}
 *   GET  /tokens                                the admin, restricted and hub-only restricted
 *                                               bearer tokens
 *   POST /clusters/NAME/unreachable | reachable
 *   POST /clusters/NAME/cut-watches | expire | stall | unstall
 *   POST /clusters/NAME/fail?code=500|429|503&count=N&retryAfter=S
 *   POST /clusters/NAME/log-burst?namespace=&pod=&container=&lines=N   N log lines at once
 *   POST /clusters/NAME/inject  {object}        stores the object as it is, unvalidated, into
 *                                               the cluster's lists and watches (a name that
 *                                               is a number, say): 200 with the stored object
 *   POST /churn?rate=R                          scale mode: R changes a second across the WECs
 */
export async function startControlServer(
  fleet: Fleet,
  port: number,
  host = '127.0.0.1',
): Promise<Server> {
  const server = createServer(async (req, res) => {
    const reply = (code: number, body: unknown) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://control');
      const parts = url.pathname.split('/').filter(Boolean);
      if (req.method === 'GET' && url.pathname === '/clusters') {
        const wecs = fleet.wecNames;
        reply(
          200,
          fleet.contextNames.map(name => {
            const member = fleet.member(name);
            const wec = wecs.includes(name);
            return {
              name,
              role: wec ? 'wec' : roleOf(name),
              ...(wec ? { member: fleet.isMember(name) } : {}),
              url: member.server.url,
              reachable: member.server.reachable,
              openWatches: member.server.openWatchCount,
              requests: member.server.requestCount,
              resourceVersion: member.cluster.store.currentRevision,
            };
          }),
        );
        return;
      }
      if (req.method === 'POST' && url.pathname === '/clusters') {
        const { name, labels } = parseClusterRequest(await readBody(req));
        reply(201, await fleet.addCluster(name, labels));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/tokens') {
        reply(200, {
          admin: fleet.users.admin.token,
          restricted: fleet.users.restricted.token,
          hubRestricted: fleet.users.hubRestricted.token,
        });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/churn') {
        const rate = Number(url.searchParams.get('rate'));
        if (!Number.isFinite(rate) || rate < 0) {
          reply(400, { error: 'rate must be a number of changes per second' });
          return;
        }
        fleet.setChurnRate(rate);
        reply(200, { rate });
        return;
      }
      if (
        req.method !== 'POST' ||
        parts[0] !== 'clusters' ||
        parts.length !== 3
      ) {
        reply(404, {
          error: `unknown control route ${req.method} ${url.pathname}`,
        });
        return;
      }
      const [, name, action] = parts;
      fleet.member(name);
      switch (action) {
        case 'unreachable':
          await fleet.setReachable(name, false);
          break;
        case 'reachable':
          await fleet.setReachable(name, true);
          break;
        case 'cut-watches':
          reply(200, { cut: fleet.cutWatches(name) });
          return;
        case 'expire':
          fleet.expireHistory(name);
          break;
        case 'stall':
          fleet.stallWatches(name, true);
          break;
        case 'unstall':
          fleet.stallWatches(name, false);
          break;
        case 'fail': {
          const code = Number(url.searchParams.get('code') ?? 500);
          if (![429, 500, 503].includes(code)) {
            reply(400, { error: 'code must be 429, 500 or 503' });
            return;
          }
          const count = Number(url.searchParams.get('count') ?? 1);
          fleet.failRequests(
            name,
            code as 429 | 500 | 503,
            count,
            Number(url.searchParams.get('retryAfter') ?? 1),
          );
          break;
        }
        case 'inject': {
          const object = parseInjectedObject(await readBody(req));
          let stored: KubeObject;
          try {
            stored = fleet.injectMalformed(name, object);
          } catch (error) {
            throw new ClusterRequestError(400, (error as Error).message);
          }
          reply(200, stored);
          return;
        }
        case 'log-burst': {
          const lines = Number(url.searchParams.get('lines') ?? 1000);
          if (!Number.isInteger(lines) || lines < 1 || lines > 1_000_000) {
            reply(400, {
              error: 'lines must be a whole number from 1 to 1000000',
            });
            return;
          }
          const [namespace, pod, container] = [
            'namespace',
            'pod',
            'container',
          ].map(key => url.searchParams.get(key) ?? '');
          fleet.logBurst(name, namespace, pod, container, lines);
          reply(200, { lines });
          return;
        }
        default:
          reply(404, { error: `unknown fault ${action}` });
          return;
      }
      reply(200, { ok: true });
    } catch (error) {
      reply(error instanceof ClusterRequestError ? error.code : 400, {
        error: (error as Error).message,
      });
    }
  });
  await new Promise<void>(resolve => server.listen(port, host, resolve));
  return server;
}

function roleOf(name: string) {
  if (name === 'its1') return 'its';
  if (name === 'wds1') return 'wds';
  return 'host';
}
