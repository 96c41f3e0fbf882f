import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { FleetFilters } from '@kubestellar/plugin-wecs-common';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { rootRouteRef } from '../routes';
import { hasLogs } from '../lib/k8s/kinds';
import { PhaseStatus } from '../components/Status';
import { attentionCount, healthText } from './entityWorkloads';
import { EntitySelectorGate } from './EntitySelectorGate';
import { useEntityWorkloads } from './useEntityWorkloads';
import { useWecsLink } from '../hooks/useWecsLink';

const MAX_ROWS = 8;

const CardBody = ({ filters }: { filters: FleetFilters }) => {
  const { workloads, truncated, loaded, refused } = useEntityWorkloads(filters);
  const link = useWecsLink();
  if (refused) {
    return (
      <Typography variant="body2" color="error">
        The workloads cannot be shown: {refused}
      </Typography>
    );
  }
  if (!loaded) {
    return (
      <Typography variant="body2" color="textSecondary">
        Connecting to the fleet…
      </Typography>
    );
  }
  if (workloads.length === 0) {
    return (
      <Typography variant="body2">
        No workload with this service's labels runs in any cluster.
      </Typography>
    );
  }
  const clusters = new Set(workloads.map(w => w.cluster)).size;
  const attention = attentionCount(workloads);
  return (
    <>
      <Typography variant="body2" color={attention ? 'error' : 'textSecondary'}>
        {truncated ? 'At least ' : ''}
        {workloads.length} workloads in {clusters}{' '}
        {clusters === 1 ? 'cluster' : 'clusters'}
        {attention ? ` · ${attention} need attention` : ' · all healthy'}
      </Typography>
      <List dense disablePadding aria-label="Workloads">
        {workloads.slice(0, MAX_ROWS).map(w => (
          <ListItem key={`${w.cluster}/${w.uid}`} disableGutters divider>
            <ListItemText
              primary={
                <Box display="flex" alignItems="center" component="span">
                  <PhaseStatus phase={w.status.phase} />
                  <Link to={link(w)}>{w.name}</Link>
                </Box>
              }
              secondary={`${w.kind} in ${w.cluster}/${
                w.namespace ?? ''
              } · ${healthText(w)}`}
            />
            {hasLogs(w.kind) && (
              <Box ml={1}>
                <Link
                  to={link(w, 'logs')}
                  aria-label={`Logs of ${w.name} in ${w.cluster}`}
                >
                  Logs
                </Link>
              </Box>
            )}
          </ListItem>
        ))}
      </List>
      {workloads.length > MAX_ROWS && (
        <Typography variant="caption" color="textSecondary">
          and {workloads.length - MAX_ROWS} more
        </Typography>
      )}
    </>
  );
};

/** An entity-page card: the service's workloads in every WEC, live, with their health. */
export const EntityWecsCard = () => {
  const wecsPage = useRouteRef(rootRouteRef);
  return (
    <InfoCard
      title="WECS workloads"
      subheader="Live from every KubeStellar workload execution cluster"
      deepLink={{ title: 'All deployed workloads', link: wecsPage() }}
    >
      <EntitySelectorGate>
        {filters => <CardBody filters={filters} />}
      </EntitySelectorGate>
    </InfoCard>
  );
};
