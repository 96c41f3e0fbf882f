/**
 * Requests a `text/event-stream` answer with `fetch` and reads it as a browser would: each
 * event's `data:` parsed as JSON into `messages`, comments counted apart. `ended` resolves when
 * the server ends the answer (or the client aborts); `close()` aborts the request.
 */
export async function readEventStream<M>(url: string, init: RequestInit) {
  const abort = new AbortController();
  const response = await fetch(url, { ...init, signal: abort.signal });
  const messages: M[] = [];
  let comments = 0;
  let error: unknown;
  const ended = (async () => {
    if (!response.ok || !response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; ) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (lines.every(line => line.startsWith(':'))) comments++;
          const data = lines
            .filter(line => line.startsWith('data:'))
            .map(line => line.slice('data:'.length).trimStart())
            .join('\n');
          if (data) messages.push(JSON.parse(data));
        }
      }
    } catch (caught) {
      if (!abort.signal.aborted) error = caught;
    }
  })();
  return {
    response,
    messages,
    ended,
    comments: () => comments,
    /** What broke the stream other than an abort. */
    error: () => error,
    close: () => abort.abort(),
  };
}

/** The headers every WECS event stream answers with, so that nothing between buffers it. */
export function expectEventStreamHeaders(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
  expect(response.headers.get('x-accel-buffering')).toBe('no');
}
