import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { wecsApiRef, LogQuery, LogStreamHandlers } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot, slimResource } from '../../__testUtils__/fixtures';
import { LogViewer } from './LogViewer';

const pod = slimResource('Pod', 'storefront-abc', {
  summary: {
    restarts: 0,
    containers: [
      { name: 'migrate', role: 'init' },
      { name: 'web', role: 'main' },
      { name: 'log-shipper', role: 'sidecar' },
    ],
  },
});

/** The options of the open select. */
const listedOptions = () =>
  within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.textContent);

/** The container picker of a pod with an init container, a main one and a sidecar. */
const EVERY_CONTAINER = [
  'All containers',
  'migrate (init)',
  'web',
  'log-shipper (sidecar)',
];

describe('LogViewer', () => {
  let streams: Array<{
    query: LogQuery;
    handlers: LogStreamHandlers;
    closed: boolean;
  }>;
  const { api } = fakeWecsApi(() => clustersSnapshot([]), {
    streamLogs: (query, handlers) => {
      const stream = { query, handlers, closed: false };
      streams.push(stream);
      return () => {
        stream.closed = true;
      };
    },
  });
  beforeEach(() => {
    streams = [];
  });
  const latest = () => streams[streams.length - 1];
  const emit = (texts: string[], container = 'web', podName = pod.name) =>
    act(() =>
      latest().handlers.onLines(
        texts.map((text, i) => ({
          pod: podName,
          container,
          time: `2026-12-07T18:00:0${i}.000000000Z`,
          text,
        })),
      ),
    );
  const lines = () =>
    screen.queryAllByTestId('log-line').map(line => line.textContent);

  const renderViewer = (target = pod) =>
    renderInTestApp(
      <TestApiProvider apis={[[wecsApiRef, api]]}>
        <LogViewer target={target} />
      </TestApiProvider>,
    );

  it('follows every container of the pod, naming the container of each line and colouring it', async () => {
    await renderViewer();
    expect(latest().query).toEqual({
      cluster: 'cluster1',
      namespace: 'shop',
      pod: 'storefront-abc',
      tailLines: 500,
      follow: true,
      previous: false,
    });
    act(() =>
      latest().handlers.onSources([
        { pod: pod.name, container: 'web' },
        { pod: pod.name, container: 'log-shipper' },
      ]),
    );
    expect(screen.getByText('Waiting for log lines…')).toBeInTheDocument();
    await emit([
      'GET / 200',
      'ERROR payment declined',
      'INFO listening',
      'WARN slow',
    ]);
    await emit(['shipped 2 lines'], 'log-shipper');
    expect(lines()).toEqual([
      '1[web]GET / 200',
      '2[web]ERROR payment declined',
      '3[web]INFO listening',
      '4[web]WARN slow',
      '5[log-shipper]shipped 2 lines',
    ]);
    expect(
      screen.getAllByTestId('log-line').map(l => l.dataset.level ?? ''),
    ).toEqual(['', 'error', 'info', 'warning', '']);
    expect(screen.getByText('Following · 5 lines')).toBeInTheDocument();
  });

  it('asks again for the container, tail and options the user picks', async () => {
    await renderViewer();
    await userEvent.click(
      screen.getByRole('button', { name: /All containers/ }),
    );
    expect(listedOptions()).toEqual(EVERY_CONTAINER);
    await userEvent.click(
      screen.getByRole('option', { name: 'migrate (init)' }),
    );
    expect(latest().query.container).toBe('migrate');
    expect(streams[0].closed).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: '500' }));
    expect(listedOptions()).toEqual(['50', '100', '500', 'All']);
    await userEvent.click(screen.getByRole('option', { name: 'All' }));
    expect(latest().query.tailLines).toBeUndefined();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Follow' }));
    expect(latest().query.follow).toBe(false);
    // Nothing restarted, so there is no previous run to show.
    expect(
      screen.getByRole('checkbox', { name: 'Previous run' }),
    ).toBeDisabled();
  });

  it('highlights what the search finds, and can show only those lines', async () => {
    await renderViewer();
    await emit(['GET /cart 200', 'GET /checkout 500', 'POST /cart 201']);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search the log' }),
      'CART',
    );
    expect(screen.getByText('2 matching')).toBeInTheDocument();
    expect(screen.getAllByText('cart').map(mark => mark.tagName)).toEqual([
      'MARK',
      'MARK',
    ]);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Only matching' }),
    );
    expect(lines()).toEqual(['1GET /cart 200', '3POST /cart 201']);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Line numbers' }),
    );
    expect(lines()).toEqual(['GET /cart 200', 'POST /cart 201']);
  });

  it('shows the timestamps the lines came with, without asking again', async () => {
    await renderViewer();
    await emit(['INFO ready']);
    expect(lines()).toEqual(['1INFO ready']);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    expect(lines()).toEqual(['12026-12-07T18:00:00.000000000Z INFO ready']);
    expect(streams).toHaveLength(1);
  });

  it('says when it is reconnecting, keeping the lines, and goes on when back', async () => {
    await renderViewer();
    await emit(['one']);
    act(() =>
      latest().handlers.onReconnecting?.(
        'the connection to the backend was lost',
      ),
    );
    expect(screen.getByText('Reconnecting… · 1 lines')).toBeInTheDocument();
    act(() => latest().handlers.onReconnecting?.());
    expect(screen.getByText('Following · 1 lines')).toBeInTheDocument();
    expect(lines()).toEqual(['1one']);
  });

  it('clears what it shows, refreshes the stream, and says why a stream ended', async () => {
    await renderViewer();
    await emit(['one', 'two']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(lines()).toEqual([]);
    await emit(['three']);
    expect(lines()).toEqual(['1three']);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(streams).toHaveLength(2);
    expect(streams[0].closed).toBe(true);
    act(() =>
      latest().handlers.onSourceEnded(
        { pod: pod.name, container: 'web' },
        'container "web" in pod "storefront-abc" is waiting to start: CrashLoopBackOff',
      ),
    );
    act(() => latest().handlers.onEnd());
    expect(
      screen.getByText(/storefront-abc\/web: container "web"/),
    ).toBeInTheDocument();
    expect(screen.getByText('Ended · 0 lines')).toBeInTheDocument();
  });

  it("streams a workload's pods, offering its pods' containers, init and sidecars included", async () => {
    await renderViewer(
      slimResource('Deployment', 'storefront', {
        summary: { containers: pod.summary!.containers },
      }),
    );
    expect(latest().query).toMatchObject({
      workload: { kind: 'Deployment', name: 'storefront' },
    });
    expect(latest().query.pod).toBeUndefined();
    expect(latest().query.container).toBeUndefined();
    act(() =>
      latest().handlers.onSources([
        { pod: 'storefront-a', container: 'web' },
        { pod: 'storefront-b', container: 'web' },
      ]),
    );
    await emit(['from a'], 'web', 'storefront-a');
    await emit(['from b'], 'web', 'storefront-b');
    expect(lines()).toEqual([
      '1[storefront-a/web]from a',
      '2[storefront-b/web]from b',
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: /All containers/ }),
    );
    expect(listedOptions()).toEqual(EVERY_CONTAINER);
    await userEvent.click(
      screen.getByRole('option', { name: 'log-shipper (sidecar)' }),
    );
    expect(latest().query).toMatchObject({
      workload: { kind: 'Deployment', name: 'storefront' },
      container: 'log-shipper',
    });
    // A workload has no single previous run to show.
    expect(
      screen.queryByRole('checkbox', { name: 'Previous run' }),
    ).not.toBeInTheDocument();
  });
});
