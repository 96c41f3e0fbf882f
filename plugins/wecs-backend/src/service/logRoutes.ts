import { wecsLogsReadPermission } from '@kubestellar/plugin-wecs-common';
import { Request, Router } from 'express';
import { LOG_ACCEPT, logPath, parseLogRequest } from '../model/logRequest';
import { fromClusterError, RouteContext } from './routeContext';

/**
 * `GET /:cluster/logs?namespace=&pod=&container=&tailLines=&sinceSeconds=|sinceTime=&timestamps=&previous=&follow=`:
 * a container's log streamed as plain text; the upstream request ends when the client goes.
 */
export function addLogRoutes(router: Router, context: RouteContext) {
  router.get('/:cluster/logs', async (req: Request, res) => {
    await context.requirePermission(req, wecsLogsReadPermission);
    const watch = context.knownCluster(req.params.cluster);
    const request = parseLogRequest(req.query);
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    let upstream;
    try {
      upstream = await watch.client.open(logPath(request), {
        signal: abort.signal,
        accept: LOG_ACCEPT,
      });
    } catch (error) {
      throw fromClusterError(error, watch.identity.name);
    }
    res.status(200).type('text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    upstream.on('data', chunk => {
      // A client that reads slower than the log comes holds the upstream back, so the
      // backend never queues more for it than one chunk past the response's buffer.
      if (!res.write(chunk)) upstream.pause();
      // The root router compresses responses; flush so that followed lines arrive as written.
      (res as unknown as { flush?: () => void }).flush?.();
    });
    res.on('drain', () => upstream.resume());
    upstream.on('end', () => res.end());
    upstream.on('error', () => res.end());
  });
}
