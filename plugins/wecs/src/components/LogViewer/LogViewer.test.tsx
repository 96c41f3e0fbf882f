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
  const emit = (texts: string[], container = 'web') =>
    act(() =>
      latest().handlers.onLines(
        texts.map(text => ({ pod: pod.name, container, text })),
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
      timestamps: false,
      previous: false,
    });
    act(() =>
      latest().handlers.onSources([
        { pod: pod.name, container: 'web' },
        { pod: pod.name, container: 'log-shipper' },
      ]),
    );
    expect(screen.getByText('Waiting for log lines…')).toBeInTheDocument();
    await emit(['GET / 200', 'ERROR payment declined']);
    await emit(['shipped 2 lines'], 'log-shipper');
    expect(lines()).toEqual([
      '1[web]GET / 200',
      '2[web]ERROR payment declined',
      '3[log-shipper]shipped 2 lines',
    ]);
    expect(
      screen.getAllByTestId('log-line').map(l => l.dataset.level ?? ''),
    ).toEqual(['', 'error', '']);
    expect(screen.getByText('Following · 3 lines')).toBeInTheDocument();
  });

  it('asks again for the container, tail and options the user picks', async () => {
    await renderViewer();
    await userEvent.click(
      screen.getByRole('button', { name: /All containers/ }),
    );
    const options = within(screen.getByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual([
      'All containers',
      'migrate (init)',
      'web',
      'log-shipper (sidecar)',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: 'migrate (init)' }),
    );
    expect(latest().query.container).toBe('migrate');
    expect(streams[0].closed).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: /Last 500/ }));
    await userEvent.click(screen.getByRole('option', { name: 'All lines' }));
    expect(latest().query.tailLines).toBeUndefined();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    expect(latest().query.timestamps).toBe(true);
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

  it('clears what it shows, reloads the stream, and says why a stream ended', async () => {
    await renderViewer();
    await emit(['one', 'two']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(lines()).toEqual([]);
    await emit(['three']);
    expect(lines()).toEqual(['1three']);
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
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

  it("streams a workload's pods, without a container picker", async () => {
    await renderViewer(slimResource('Deployment', 'storefront'));
    expect(latest().query).toMatchObject({
      workload: { kind: 'Deployment', name: 'storefront' },
    });
    expect(latest().query.pod).toBeUndefined();
    expect(
      screen.queryByRole('button', { name: /All containers/ }),
    ).not.toBeInTheDocument();
  });
});
