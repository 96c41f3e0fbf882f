import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { ManagedWorkload } from '@kubestellar/plugin-wecs-common';
import { ActionsMenu, MenuAction } from '../../components/ActionsMenu';
import { DetailsTab } from '../../lib/detailsTabs';
import { hasLogs } from '../../lib/k8s/kinds';

/**
 * The ⋮ menu of a managed workload: Details and Edit of its WDS copy (where edits last), and
 * Details and Logs of its copy in each cluster it reached.
 */
export const WorkloadActions = ({
  workload,
  onOpen,
}: {
  workload: ManagedWorkload;
  onOpen: (resource: SlimResource, tab: DetailsTab) => void;
}) => {
  const open = (label: string, resource: SlimResource, tab: DetailsTab) => ({
    label,
    onSelect: () => onOpen(resource, tab),
  });
  const actions: MenuAction[] = workload.staged
    ? [
        open('Details', workload.staged, 'summary'),
        open('Edit', workload.staged, 'edit'),
      ]
    : [];
  for (const { cluster, delivered } of workload.placements) {
    if (!delivered) continue;
    actions.push(open(`Details in ${cluster}`, delivered, 'summary'));
    if (hasLogs(workload.kind))
      actions.push(open(`Logs in ${cluster}`, delivered, 'logs'));
  }
  return (
    <ActionsMenu
      label={`Actions for ${workload.kind} ${workload.object.name}`}
      actions={actions}
    />
  );
};
