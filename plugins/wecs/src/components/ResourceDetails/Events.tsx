import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EventSummary, WecsEventList } from '@kubestellar/plugin-wecs-common';
import { Box, Typography } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { ObjectRef, wecsApiRef } from '../../api';
import { counted } from '../../lib/counted';

const eventColumns: TableColumn<EventSummary>[] = [
  { title: 'Last seen', field: 'lastTimestamp' },
  {
    title: 'Type',
    field: 'type',
    render: event => (
      <Typography
        variant="body2"
        color={event.type === 'Warning' ? 'error' : 'textPrimary'}
      >
        {event.type}
      </Typography>
    ),
  },
  { title: 'Reason', field: 'reason' },
  { title: 'Message', field: 'message' },
  { title: 'Count', field: 'count', type: 'numeric' },
  { title: 'From', field: 'source' },
];

/** Which object an event is about, when the table mixes a workload's with its pods'. */
const objectColumn: TableColumn<EventSummary> = {
  title: 'Object',
  render: event =>
    `${event.involvedObject.kind ?? '?'}/${event.involvedObject.name ?? '?'}`,
};

/** Whose events the table holds, and how it keeps up: shown above it. */
function scopeOf(
  owned: WecsEventList['owned'],
  refreshSeconds?: number,
): string {
  const live = refreshSeconds ? `Live: read every ${refreshSeconds} s.` : '';
  if (!owned) return live;
  const whose =
    owned.queried < owned.total
      ? `Its own events and those of ${owned.queried} of the ${counted(
          owned.total,
          'object',
        )} it owns: the failing and pending ones first, then the newest.`
      : `Its own events and those of the ${counted(
          owned.total,
          'object',
        )} it owns.`;
  return `${whose} ${live}`.trim();
}

/**
 * An object's events, newest first; with `includeOwned`, those of the objects it owns too
 * (a workload's ReplicaSets, Jobs and Pods), each tagged with its object. With
 * `refreshSeconds` they are read again on that period, keeping the table in place while they
 * load, so that new events appear while the tab is open.
 */
export const Events = ({
  target,
  refreshSeconds,
  includeOwned = false,
}: {
  target: ObjectRef;
  refreshSeconds?: number;
  includeOwned?: boolean;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const events = useAsyncRetry(
    () => wecsApi.getEvents(target, { includeOwned }),
    [
      wecsApi,
      target.cluster,
      target.namespace,
      target.kind,
      target.name,
      target.uid,
      includeOwned,
    ],
  );
  useInterval(events.retry, refreshSeconds ? refreshSeconds * 1000 : null);
  if (events.loading && !events.value) return <Progress />;
  if (events.error) return <ResponseErrorPanel error={events.error} />;
  const scope = scopeOf(events.value?.owned, refreshSeconds);
  const [lastSeen, ...rest] = eventColumns;
  return (
    <>
      {scope && (
        <Box px={2} py={1}>
          <Typography variant="body2" color="textSecondary">
            {scope}
          </Typography>
        </Box>
      )}
      <Table
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={
          events.value?.owned ? [lastSeen, objectColumn, ...rest] : eventColumns
        }
        data={events.value?.items ?? []}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              {events.value?.owned
                ? 'No events for this object or what it owns.'
                : 'No events for this object.'}
            </Typography>
          </Box>
        }
      />
    </>
  );
};
