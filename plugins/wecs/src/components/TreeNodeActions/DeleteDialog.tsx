import { DialogContentText } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ObjectRef } from '../../api';
import { deleteCascadeOf } from '../../lib/k8s/kinds';
import { DELIVERED_NOTE } from '../../lib/kubestellar/delivery';
import { placeOf } from '../../lib/k8s/objectRefs';
import { ConfirmDialog } from '../ConfirmDialog';

/** Asks before deleting an object, and says what goes with it. */
export const DeleteDialog = ({
  target,
  delivered = false,
  onConfirm,
  onClose,
}: {
  target?: ObjectRef;
  /** KubeStellar keeps the object in its WEC, so deleting it here does not last. */
  delivered?: boolean;
  onConfirm: (target: ObjectRef) => Promise<void>;
  onClose: () => void;
}) => {
  const cascade = target && deleteCascadeOf(target.kind);
  return (
    <ConfirmDialog
      open={Boolean(target)}
      title={target && `Delete ${target.kind} ${target.name}?`}
      confirmLabel="Delete"
      busyLabel="Deleting…"
      onConfirm={async () => {
        if (target) await onConfirm(target);
      }}
      onClose={onClose}
    >
      {target && (
        <>
          <DialogContentText>
            {target.kind} <strong>{target.name}</strong> is deleted from{' '}
            {placeOf(target)}.{' '}
            {cascade && `What it owns (${cascade}) is deleted with it. `}
            {target.kind === 'Pod' &&
              'If a controller owns the pod, it starts a new one. '}
            This cannot be undone.
          </DialogContentText>
          {delivered && <Alert severity="warning">{DELIVERED_NOTE}</Alert>}
        </>
      )}
    </ConfirmDialog>
  );
};
