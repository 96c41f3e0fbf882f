import { levelOf } from './logLevel';

describe('levelOf', () => {
  it.each([
    ['2026-11-26T10:00:00Z ERROR payment declined', 'error'],
    ['{"level":"error","msg":"boom"}', 'error'],
    ['level=warn msg="slow response"', 'warning'],
    ['W1126 10:00:00.000000 1 reflector.go:1] watch closed', 'warning'],
    ['E1126 10:00:00.000000 1 server.go:1] failed', 'error'],
    ['2026-11-26T10:00:00Z INFO listening on :8080', 'info'],
    ['{"level":"info","msg":"ready"}', 'info'],
    ['I1126 10:00:00.000000 1 server.go:1] serving', 'info'],
    ['INFO retrying after ERROR', 'error'],
    ['DEBUG cache hit ratio 0.93', 'debug'],
    ['GET /healthz 200 1ms', undefined],
    ['terror of the deep', undefined],
    ['infographics rendered', undefined],
  ])('%s -> %s', (line, level) => {
    expect(levelOf(line)).toBe(level);
  });
});
