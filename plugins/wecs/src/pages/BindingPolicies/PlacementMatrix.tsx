import { Table, TableColumn } from '@backstage/core-components';
import { ManagedWorkload, SlimResource } from '@kubestellar/plugin-wecs-common';
import { Box, Button, Chip, Tooltip, Typography } from '@material-ui/core';
import { PolicyRow } from '../../hooks/useBindingPolicies';
import { PlacementStatus } from '../../components/Placement';
import { DetailsTab } from '../../lib/detailsTabs';
import { copyKey, CopyDrift, usePolicyDrift } from './usePolicyDrift';

/** How a copy compares with its WDS copy, as a chip that opens its Drift tab. */
const DriftChip = ({
  drift,
  onClick,
}: {
  drift: CopyDrift;
  onClick: () => void;
}) => {
  const open = (event: React.MouseEvent) => {
    // The row's own click opens the object's summary.
    event.stopPropagation();
    onClick();
  };
  if ('error' in drift)
    return (
      <Tooltip title={drift.error}>
        <Chip size="small" variant="outlined" label="not compared" />
      </Tooltip>
    );
  if (drift.fields === 0 && drift.hidden)
    return (
      <Tooltip title="Secret values are hidden from you (they need wecs.secrets.read), so whether they differ is not shown">
        <Chip
          size="small"
          variant="outlined"
          label="in step, values hidden"
          onClick={open}
        />
      </Tooltip>
    );
  return drift.fields === 0 ? (
    <Chip size="small" variant="outlined" label="in step" onClick={open} />
  ) : (
    <Chip
      size="small"
      color="secondary"
      label={`${drift.fields} ${
        drift.fields === 1 ? 'field differs' : 'fields differ'
      }`}
      onClick={open}
    />
  );
};

/**
 * Where a policy's objects should be, against where they are, cluster by cluster, for one page
 * of its objects; on request, whether each copy on the page still holds what its WDS copy
 * sets.
 */
export const PlacementMatrix = ({
  row,
  workloads,
  onOpen,
}: {
  row: PolicyRow;
  /** The page of the policy's objects shown. */
  workloads: ManagedWorkload[];
  onOpen: (resource: SlimResource, tab?: DetailsTab) => void;
}) => {
  const { drift, checking, check } = usePolicyDrift();
  const { destinations } = row;
  const clusters = [...new Set([...row.selected, ...destinations])].sort();
  const drifted = drift
    ? [...drift.copies.values()].filter(c => 'fields' in c && c.fields > 0)
        .length
    : 0;
  const columns: TableColumn<ManagedWorkload>[] = [
    {
      title: 'Object',
      render: workload => (
        <Typography variant="body2">
          {workload.kind} {workload.object.namespace ?? ''}
          {workload.object.namespace ? '/' : ''}
          {workload.object.name}
        </Typography>
      ),
    },
    ...clusters.map(
      (cluster): TableColumn<ManagedWorkload> => ({
        title: cluster,
        render: workload => {
          if (!destinations.includes(cluster))
            return (
              <Typography variant="body2" color="textSecondary">
                Selected, not bound yet
              </Typography>
            );
          const placement = workload.placements.find(
            p => p.cluster === cluster,
          );
          if (!placement) return null;
          const copyDrift = drift?.copies.get(copyKey(workload, cluster));
          return (
            <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={4}>
              <PlacementStatus placement={placement} />
              {copyDrift && placement.delivered && (
                <DriftChip
                  drift={copyDrift}
                  onClick={() => onOpen(placement.delivered!, 'drift')}
                />
              )}
            </Box>
          );
        },
      }),
    ),
  ];
  return (
    <>
      <Box display="flex" alignItems="center" gridGap={16} mb={1}>
        <Button
          variant="outlined"
          size="small"
          disabled={checking || !workloads.length}
          onClick={() => check(workloads)}
        >
          {checking ? 'Checking drift…' : 'Check drift'}
        </Button>
        <Typography variant="body2" color="textSecondary">
          {drift
            ? `${drifted} of ${
                drift.copies.size
              } copies differ from their WDS copy, as of ${drift.checkedAt.toLocaleTimeString()}`
            : 'Compares every copy on this page with its WDS copy, field by field'}
        </Typography>
      </Box>
      <Table
        title="Where it should be, and where it is"
        subtitle="Each bound object in each cluster the policy selects: its copy's health, or Missing"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={workloads}
        onRowClick={(_, workload) => {
          const copy = workload?.placements.find(p => p.delivered)?.delivered;
          if (copy) onOpen(copy);
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              The policy binds nothing yet: no staged object matches its
              downsync rules.
            </Typography>
          </Box>
        }
      />
    </>
  );
};
