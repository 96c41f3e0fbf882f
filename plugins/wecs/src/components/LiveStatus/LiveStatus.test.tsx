import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { FleetView } from '../../api';
import { LiveStatus } from './LiveStatus';

const view = (overrides: Partial<FleetView>): FleetView => ({
  state: 'live',
  resources: new Map(),
  clusters: [],
  errors: [],
  left: [],
  updatedAt: new Date(),
  ...overrides,
});

describe('LiveStatus', () => {
  it('says Live over a streamed HTTP response as over a WebSocket', async () => {
    await renderInTestApp(
      <LiveStatus
        view={view({
          transport: { kind: 'http-stream', reason: 'no WebSocket routes' },
        })}
        onRefresh={() => {}}
      />,
    );
    expect(screen.getByText('Live')).toBeInTheDocument();
  });

  it('says on the page that it polls, and why, when nothing live gets through', async () => {
    await renderInTestApp(
      <LiveStatus
        view={view({
          transport: {
            kind: 'polling',
            reason: 'streamed responses from the backend do not get through',
          },
        })}
        onRefresh={() => {}}
      />,
    );
    expect(screen.getByText('Refreshed every 10 s')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Live updates do not reach this page: streamed responses from the backend do not get through',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
  });

  it('says why it is still connecting once an attempt has failed', async () => {
    await renderInTestApp(
      <LiveStatus
        view={view({
          state: 'connecting',
          updatedAt: undefined,
          lastError: 'Permission wecs.resources.read is required',
        })}
        onRefresh={() => {}}
      />,
    );
    expect(screen.getByText('Connecting')).toBeInTheDocument();
    expect(
      screen.getByText('Permission wecs.resources.read is required'),
    ).toBeInTheDocument();
  });

  it('waits for a refresh under way rather than asking again', async () => {
    const onRefresh = jest.fn();
    await renderInTestApp(
      <LiveStatus view={view({})} onRefresh={onRefresh} refreshing />,
    );
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    expect(screen.getByLabelText('Refreshing')).toBeInTheDocument();
  });

  it('says Paused with live updates off, and its switch turns them on again', async () => {
    const onLiveChange = jest.fn();
    await renderInTestApp(
      <LiveStatus
        view={{ ...view({}), paused: true }}
        onRefresh={() => {}}
        onLiveChange={onLiveChange}
        autoRefresh={{ seconds: 10, onChange: () => {} }}
      />,
    );
    expect(
      screen.getByRole('button', { name: 'Auto-refresh every 10 s' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Paused')).toBeInTheDocument();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
    const live = screen.getByRole('checkbox', { name: 'Live updates' });
    expect(live).not.toBeChecked();
    fireEvent.click(live);
    expect(onLiveChange).toHaveBeenCalledWith(true);
  });
});
