import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EventSummary } from '@kubestellar/plugin-wecs-common';
import { Box, Chip, Tab, Tabs, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ObjectRef, wecsApiRef } from '../../api';
import { ObjectFacts, objectFacts } from './objectFacts';

const conditionColumns: TableColumn<ObjectFacts['conditions'][number]>[] = [
  { title: 'Type', field: 'type' },
  { title: 'Status', field: 'status' },
  { title: 'Reason', field: 'reason' },
  { title: 'Message', field: 'message' },
  { title: 'Since', field: 'lastTransitionTime' },
];

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

const LabelChips = ({
  title,
  map,
}: {
  title: string;
  map: Record<string, string>;
}) =>
  Object.keys(map).length === 0 ? null : (
    <Box mt={2}>
      <Typography variant="subtitle2">{title}</Typography>
      {Object.entries(map).map(([key, value]) => (
        <Box key={key} component="span" mr={1}>
          <Chip size="small" label={`${key}=${value}`} />
        </Box>
      ))}
    </Box>
  );

const Summary = ({ facts }: { facts: ObjectFacts }) => (
  <>
    <StructuredMetadataTable metadata={facts.metadata} />
    <LabelChips title="Labels" map={facts.labels} />
    <LabelChips title="Annotations" map={facts.annotations} />
    {facts.conditions.length > 0 && (
      <Box mt={2}>
        <Table
          title="Conditions"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={conditionColumns}
          data={facts.conditions}
        />
      </Box>
    )}
    {facts.containers.map(container => (
      <Box mt={2} key={`${container.role}/${container.name}`}>
        <Typography variant="subtitle2">
          {container.role === 'init' ? 'Init container' : 'Container'}{' '}
          {container.name}
        </Typography>
        <StructuredMetadataTable
          metadata={{
            image: container.image ?? '',
            ...(container.ports.length ? { ports: container.ports } : {}),
            ...(container.env.length ? { env: container.env } : {}),
            ...(container.mounts.length ? { mounts: container.mounts } : {}),
            ...(container.requests ? { requests: container.requests } : {}),
            ...(container.limits ? { limits: container.limits } : {}),
          }}
        />
      </Box>
    ))}
  </>
);

const Events = ({ target }: { target: ObjectRef }) => {
  const wecsApi = useApi(wecsApiRef);
  const events = useAsyncRetry(
    () => wecsApi.getEvents(target),
    [
      wecsApi,
      target.cluster,
      target.namespace,
      target.kind,
      target.name,
      target.uid,
    ],
  );
  if (events.loading) return <Progress />;
  if (events.error) return <ResponseErrorPanel error={events.error} />;
  return (
    <Table
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={eventColumns}
      data={events.value?.items ?? []}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">No events for this object.</Typography>
        </Box>
      }
    />
  );
};

/** One object's details: Summary from its full object, and its Events, newest first. */
export const ResourceDetails = ({ target }: { target: ObjectRef }) => {
  const wecsApi = useApi(wecsApiRef);
  const [tab, setTab] = useState(0);
  const object = useAsyncRetry(
    () => wecsApi.getObject(target),
    [wecsApi, target.cluster, target.namespace, target.kind, target.name],
  );
  return (
    <InfoCard
      title={`${target.kind} ${target.name}`}
      subheader={`${target.cluster}${
        target.namespace ? ` / ${target.namespace}` : ''
      }`}
    >
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
      >
        <Tab label="Summary" />
        <Tab label="Events" />
      </Tabs>
      <Box mt={2}>
        {tab === 0 && object.loading && <Progress />}
        {tab === 0 && object.error && (
          <ResponseErrorPanel error={object.error} />
        )}
        {tab === 0 && object.value && (
          <Summary facts={objectFacts(object.value, target.cluster)} />
        )}
        {tab === 1 && <Events target={target} />}
      </Box>
    </InfoCard>
  );
};
