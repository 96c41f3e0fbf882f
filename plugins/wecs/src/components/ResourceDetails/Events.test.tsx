import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EventSummary, WecsEventList } from '@kubestellar/plugin-wecs-common';
import { act, screen } from '@testing-library/react';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot } from '../../__testUtils__/fixtures';
import { Events } from './Events';

const event = (
  reason: string,
  kind: string,
  name: string,
  lastTimestamp: string,
): EventSummary => ({
  type: reason === 'ScalingReplicaSet' ? 'Normal' : 'Warning',
  reason,
  message: `${reason} of ${name}`,
  count: 1,
  lastTimestamp,
  involvedObject: { kind, name },
});

const target = {
  cluster: 'cluster2',
  namespace: 'staging',
  kind: 'Deployment',
  name: 'image-pull-check',
  uid: 'uid-d',
};

describe('Events', () => {
  afterEach(() => jest.useRealTimers());

  /** The Events tab on answers that `answers` gives in turn, its last one from then on. */
  const renderEvents = async (
    answers: WecsEventList[],
    props: { includeOwned?: boolean; refreshSeconds?: number } = {},
  ) => {
    const asked: Array<boolean | undefined> = [];
    const { api } = fakeWecsApi(() => clustersSnapshot([]), {
      getEvents: async (_ref, options) => {
        asked.push(options?.includeOwned);
        return answers[Math.min(asked.length, answers.length) - 1];
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[wecsApiRef, api]]}>
        <Events target={target} {...props} />
      </TestApiProvider>,
    );
    return asked;
  };

  it('tags each event with its object when it holds the events of what the workload owns', async () => {
    const asked = await renderEvents(
      [
        {
          items: [
            event(
              'Failed',
              'Pod',
              'image-pull-check-7d9-x2x',
              '2026-12-07T10:02:00Z',
            ),
            event(
              'ScalingReplicaSet',
              'Deployment',
              'image-pull-check',
              '2026-12-07T10:00:00Z',
            ),
          ],
          owned: { queried: 2, total: 2 },
        },
      ],
      { includeOwned: true },
    );
    expect(
      await screen.findByText('Pod/image-pull-check-7d9-x2x'),
    ).toBeInTheDocument();
    expect(screen.getByText('Deployment/image-pull-check')).toBeInTheDocument();
    expect(
      screen.getByText('Failed of image-pull-check-7d9-x2x'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Its own events and those of the 2 objects it owns.'),
    ).toBeInTheDocument();
    expect(asked).toEqual([true]);
  });

  it('says when it read the events of only some of what the workload owns', async () => {
    await renderEvents([{ items: [], owned: { queried: 20, total: 120 } }], {
      includeOwned: true,
    });
    expect(
      await screen.findByText(
        'Its own events and those of 20 of the 120 objects it owns: the failing and pending ones first, then the newest.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No events for this object or what it owns.'),
    ).toBeInTheDocument();
  });

  it('shows a new event while it is open, reading them again every period', async () => {
    jest.useFakeTimers();
    const first = event(
      'ScalingReplicaSet',
      'Deployment',
      'image-pull-check',
      '2026-12-07T10:00:00Z',
    );
    const later = event(
      'FailedScheduling',
      'Pod',
      'image-pull-check-7d9-x2x',
      '2026-12-07T10:05:00Z',
    );
    const asked = await renderEvents(
      [{ items: [first] }, { items: [later, first] }],
      { refreshSeconds: 5 },
    );
    expect(await screen.findByText('ScalingReplicaSet')).toBeInTheDocument();
    expect(screen.queryByText('FailedScheduling')).not.toBeInTheDocument();
    expect(screen.getByText('Live: read every 5 s.')).toBeInTheDocument();
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(await screen.findByText('FailedScheduling')).toBeInTheDocument();
    expect(screen.getByText('ScalingReplicaSet')).toBeInTheDocument();
    expect(asked.length).toBeGreaterThanOrEqual(2);
  });
});
