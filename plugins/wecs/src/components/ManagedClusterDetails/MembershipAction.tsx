import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ClusterMembershipAction,
  WecsClusterActionResult,
  wecsClustersManagePermission,
} from '@kubestellar/plugin-wecs-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, Tooltip } from '@material-ui/core';
import { useState } from 'react';
import { wecsApiRef } from '../../api';
import { MEMBERSHIP_VERBS, MembershipDialog } from './MembershipDialog';

/**
 * The Accept or Detach button of a cluster, with its confirmation dialog; disabled, saying
 * why, without the `wecs.clusters.manage` permission. On success the hub's answer is posted as
 * a notice; the live fleet then shows the cluster join or leave. Clicks stay inside it, so it
 * can sit in a clickable table row.
 */
export const MembershipAction = ({
  cluster,
  action,
  its,
  onDone,
}: {
  cluster: string;
  action: ClusterMembershipAction;
  /** The ITS holding the ManagedCluster, when known. */
  its?: string;
  onDone?: (result: WecsClusterActionResult) => void;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed, loading } = usePermission({
    permission: wecsClustersManagePermission,
  });
  const [open, setOpen] = useState(false);
  const { verb } = MEMBERSHIP_VERBS[action];
  const run = async () => {
    const result =
      action === 'accept'
        ? await wecsApi.acceptCluster(cluster)
        : await wecsApi.detachCluster(cluster);
    alertApi.post({
      message: result.message,
      severity: 'success',
      display: 'transient',
    });
    onDone?.(result);
  };
  const button = (
    <Button
      size="small"
      variant="outlined"
      color={action === 'accept' ? 'primary' : 'default'}
      aria-label={`${verb} ${cluster}`}
      disabled={!allowed}
      onClick={() => setOpen(true)}
    >
      {verb}
    </Button>
  );
  return (
    // Not a control: it keeps the button's and the dialog's clicks from reaching a clickable
    // row around it (React passes a portal's events to its parents).
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <span onClick={event => event.stopPropagation()}>
      {allowed || loading ? (
        button
      ) : (
        <Tooltip title="Accepting and detaching clusters needs the wecs.clusters.manage permission">
          <span>{button}</span>
        </Tooltip>
      )}
      <MembershipDialog
        open={open}
        action={action}
        cluster={cluster}
        its={its}
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </span>
  );
};
