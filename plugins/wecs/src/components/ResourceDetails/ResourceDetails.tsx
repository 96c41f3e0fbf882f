import {
  InfoCard,
  StructuredMetadataTable,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { Box, Chip, Tab, Tabs, Tooltip, Typography } from '@material-ui/core';
import FileCopyOutlinedIcon from '@material-ui/icons/FileCopyOutlined';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';
import { useMemo } from 'react';
import { wecsApiRef } from '../../api';
import { DriftView } from '../DriftView';
import { LogViewer } from '../LogViewer';
import { DetailsTab, tabsFor } from '../../lib/detailsTabs';
import { objectRefOf, placeOf } from '../../lib/k8s/objectRefs';
import { ObjectEditor } from '../ObjectEditor';
import { Events } from './Events';
import { StatusLine } from './StatusLine';
import { POD_CONTROLLER_KINDS } from '../../lib/k8s/kinds';
import { ObjectFacts, objectFacts } from '../../lib/k8s/objectFacts';
import { OverallStatus, overallStatus } from '../../lib/k8s/overallStatus';
import { useLoadedObject } from '../../hooks/useLoadedObject';
import { deliveryMarker } from '../../lib/kubestellar/delivery';

const conditionColumns: TableColumn<ObjectFacts['conditions'][number]>[] = [
  { title: 'Type', field: 'type' },
  { title: 'Status', field: 'status' },
  { title: 'Reason', field: 'reason' },
  { title: 'Message', field: 'message' },
  { title: 'Since', field: 'lastTransitionTime' },
];

/** Labels or annotations as chips; a click copies `key=value`. */
const LabelChips = ({
  title,
  map,
}: {
  title: string;
  map: Record<string, string>;
}) => {
  const [, copy] = useCopyToClipboard();
  const alertApi = useApi(alertApiRef);
  if (Object.keys(map).length === 0) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{title}</Typography>
      {Object.entries(map).map(([key, value]) => (
        <Box key={key} component="span" mr={1}>
          <Tooltip title="Copy">
            <Chip
              size="small"
              label={`${key}=${value}`}
              clickable
              icon={<FileCopyOutlinedIcon />}
              onClick={() => {
                copy(`${key}=${value}`);
                alertApi.post({
                  message: `Copied ${key}=${value}`,
                  severity: 'info',
                  display: 'transient',
                });
              }}
            />
          </Tooltip>
        </Box>
      ))}
    </Box>
  );
};

/**
 * An object's Summary: its overall status (when known, the one its tree row shows), the
 * binding policies that delivered it, identity, labels, conditions, the facts of its kind, and
 * its containers.
 */
export const Summary = ({
  facts,
  status,
  policies,
}: {
  facts: ObjectFacts;
  status?: OverallStatus;
  /** Set when KubeStellar delivered it, as its tree row says. */
  policies?: string[];
}) => (
  <>
    {status && <StatusLine status={status} />}
    {policies && (
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {deliveryMarker(policies).title}
      </Typography>
    )}
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
    {facts.sections.map(section => (
      <Box mt={2} key={section.title}>
        <Typography variant="subtitle2">{section.title}</Typography>
        <StructuredMetadataTable metadata={section.facts} />
      </Box>
    ))}
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
            ...(container.envFrom.length
              ? { 'env from': container.envFrom }
              : {}),
            ...(container.mounts.length ? { mounts: container.mounts } : {}),
            ...(container.requests ? { requests: container.requests } : {}),
            ...(container.limits ? { limits: container.limits } : {}),
          }}
        />
      </Box>
    ))}
  </>
);

/** How often an open Events tab reads the events again. */
const EVENTS_REFRESH_SECONDS = 5;

const TAB_LABELS: Record<DetailsTab, string> = {
  summary: 'Summary',
  edit: 'Edit',
  drift: 'Drift',
  logs: 'Logs',
  events: 'Events',
};

/**
 * One object's details: Summary of its full object, Edit as YAML or JSON, Drift from its WDS
 * copy for what KubeStellar delivered, Logs for pods and workloads, and Events, newest first.
 * The object is read again whenever the live view says it changed.
 */
export const ResourceDetails = ({
  resource,
  policies,
  tab,
  onTabChange,
}: {
  resource: SlimResource;
  /** The binding policies that delivered it, when KubeStellar did. */
  policies?: string[];
  tab: DetailsTab;
  onTabChange: (tab: DetailsTab) => void;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const target = useMemo(() => objectRefOf(resource), [resource]);
  const { loaded, onSaved, reload } = useLoadedObject(
    () => wecsApi.getObject(target),
    [wecsApi, target, resource.resourceVersion],
  );
  const tabs = tabsFor(resource);
  const current = tabs.includes(tab) ? tab : 'summary';
  return (
    <InfoCard
      title={`${resource.kind} ${resource.name}`}
      subheader={placeOf(target)}
    >
      <Tabs
        value={current}
        onChange={(_, value) => onTabChange(value)}
        indicatorColor="primary"
        variant="scrollable"
      >
        {tabs.map(name => (
          <Tab key={name} value={name} label={TAB_LABELS[name]} />
        ))}
      </Tabs>
      <Box mt={2}>
        {current === 'summary' &&
          loaded(value => (
            <Summary
              facts={objectFacts(value, resource.cluster)}
              status={overallStatus(resource.kind, resource.status)}
              policies={policies}
            />
          ))}
        {current === 'edit' &&
          loaded(value => (
            <ObjectEditor
              target={target}
              object={value}
              save={edited => wecsApi.replaceObject(target, edited)}
              onSaved={onSaved}
              onReload={reload}
            />
          ))}
        {current === 'drift' &&
          loaded(value => <DriftView target={target} object={value} />)}
        {current === 'logs' && <LogViewer target={resource} />}
        {current === 'events' && (
          <Events
            target={target}
            includeOwned={POD_CONTROLLER_KINDS.has(resource.kind)}
            refreshSeconds={EVENTS_REFRESH_SECONDS}
          />
        )}
      </Box>
    </InfoCard>
  );
};
