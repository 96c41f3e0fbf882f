import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { isDeliveredByKubeStellar } from '@kubestellar/plugin-wecs-common';
import { useCallback, useState } from 'react';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';
import { ObjectRef, wecsApiRef } from '../../api';
import { downloadText, objectFileName } from '../../lib/download';
import { TreeNode } from '../../lib/fleetTree';
import { objectToText } from '../../lib/k8s/objectText';
import { DeleteDialog } from './DeleteDialog';
import { DetailsTab } from '../../lib/detailsTabs';
import { TreeNodeAction } from './treeNodeActions';
import { objectRefOf, placeOf } from '../../lib/k8s/objectRefs';
import { backendMessage } from '../../api/backendMessage';

/**
 * Carries out the actions menu: opening a details tab is left to `open` and refreshing a
 * cluster to `refreshCluster`; copying, exporting and deleting (after confirmation) happen
 * here. Returns the runner and the dialog to render.
 */
export function useTreeNodeActions(
  open: (node: TreeNode, tab: DetailsTab) => void,
  refreshCluster?: (cluster: string) => void,
) {
  const wecsApi = useApi(wecsApiRef);
  const alertApi = useApi(alertApiRef);
  const [, copy] = useCopyToClipboard();
  const [toDelete, setToDelete] = useState<{
    ref: ObjectRef;
    delivered: boolean;
  }>();

  const run = useCallback(
    async (node: TreeNode, action: TreeNodeAction) => {
      const ref = node.resource && objectRefOf(node.resource);
      switch (action) {
        case 'details':
          open(node, 'summary');
          return;
        case 'edit':
        case 'logs':
          open(node, action);
          return;
        case 'copy-name':
          copy(node.resource?.name ?? node.label);
          alertApi.post({
            message: `Copied "${node.resource?.name ?? node.label}"`,
            severity: 'info',
            display: 'transient',
          });
          return;
        case 'export-yaml':
          if (!ref) return;
          try {
            const object = await wecsApi.getObject(ref);
            downloadText(
              objectFileName(ref, 'yaml'),
              objectToText(object, 'yaml'),
              'application/yaml',
            );
          } catch (error) {
            alertApi.post({
              message: `Could not export ${ref.kind} ${
                ref.name
              }: ${backendMessage(error)}`,
              severity: 'error',
            });
          }
          return;
        case 'refresh':
          refreshCluster?.(node.cluster);
          return;
        case 'delete':
          if (ref)
            setToDelete({
              ref,
              delivered: isDeliveredByKubeStellar(node.resource?.owners),
            });
          return;
        default:
      }
    },
    [open, refreshCluster, copy, alertApi, wecsApi],
  );

  const dialog = (
    <DeleteDialog
      target={toDelete?.ref}
      delivered={toDelete?.delivered}
      onClose={() => setToDelete(undefined)}
      onConfirm={async ref => {
        await wecsApi.deleteObject(ref);
        alertApi.post({
          message: `Deleting ${ref.kind} ${ref.name} in ${placeOf(ref)}`,
          severity: 'success',
          display: 'transient',
        });
      }}
    />
  );
  return { run, dialog };
}
