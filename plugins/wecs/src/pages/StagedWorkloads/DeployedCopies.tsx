import { InfoCard, Link, Progress } from '@backstage/core-components';
import { ManagedWorkload } from '@kubestellar/plugin-wecs-common';
import {
  Box,
  Button,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { PlacementStatus } from '../../components/Placement';
import { StagedObjectName } from '../../hooks/useStagedWorkloads';
import { useManageWorkloadsLink, useWecsLink } from '../../hooks/useWecsLink';

/**
 * Where a staged object went: its copy in every destination cluster, each a link to that copy
 * in Deployed Workloads, and the object as a workload in Manage Workloads. Until a binding
 * policy binds it, it says it has none.
 */
export const DeployedCopies = ({
  wds,
  target,
  workload,
  loaded,
  onClose,
}: {
  wds: string;
  target: StagedObjectName;
  workload?: ManagedWorkload;
  loaded: boolean;
  onClose: () => void;
}) => {
  const copyLink = useWecsLink();
  const manageLink = useManageWorkloadsLink();
  const title = `Deployed copies of ${target.kind} ${target.name}`;
  return (
    <InfoCard
      title={title}
      subheader={
        workload
          ? `bound by ${workload.policies.join(', ')} to ${
              workload.placements.length
            } clusters`
          : undefined
      }
      action={
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Button
            size="small"
            color="primary"
            component={Link}
            to={manageLink({
              wds,
              namespace: target.namespace,
              search: `${target.kind} ${target.name}`,
            })}
          >
            Open in Manage Workloads
          </Button>
          <IconButton size="small" aria-label="Close copies" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
      }
    >
      {!loaded && <Progress />}
      {loaded && !workload && (
        <Typography>
          No binding policy binds it yet, so no cluster has a copy.
        </Typography>
      )}
      {workload && (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>Cluster</TableCell>
              <TableCell>Copy</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {workload.placements.map(placement => (
              <TableRow key={placement.cluster}>
                <TableCell>{placement.cluster}</TableCell>
                <TableCell>
                  <PlacementStatus placement={placement} />
                </TableCell>
                <TableCell>
                  {placement.delivered && (
                    <Link
                      to={copyLink(placement.delivered)}
                      aria-label={`Open the copy in ${placement.cluster} in Deployed Workloads`}
                    >
                      Open in Deployed Workloads
                    </Link>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
