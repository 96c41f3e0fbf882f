import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { ObjectRef } from '../../api';
import { deleteCascadeOf } from '../../lib/k8s/kinds';
import { DELIVERED_NOTE } from '../../lib/kubestellar/delivery';
import { placeOf } from '../../lib/k8s/objectRefs';

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
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  const cascade = target && deleteCascadeOf(target.kind);
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    if (!target) return;
    setDeleting(true);
    try {
      await onConfirm(target);
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setDeleting(false);
    }
  };
  return (
    <Dialog open={Boolean(target)} onClose={() => !deleting && close()}>
      {target && (
        <>
          <DialogTitle>
            Delete {target.kind} {target.name}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              {target.kind} <strong>{target.name}</strong> is deleted from{' '}
              {placeOf(target)}.{' '}
              {cascade && `What it owns (${cascade}) is deleted with it. `}
              {target.kind === 'Pod' &&
                'If a controller owns the pod, it starts a new one. '}
              This cannot be undone.
            </DialogContentText>
            {delivered && <Alert severity="warning">{DELIVERED_NOTE}</Alert>}
            {error && <Alert severity="error">{error}</Alert>}
          </DialogContent>
          <DialogActions>
            <Button onClick={close} disabled={deleting}>
              Cancel
            </Button>
            <Button
              onClick={confirm}
              disabled={deleting}
              variant="contained"
              color="secondary"
            >
              {deleting ? 'Deleting…' : 'Delete'}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
};
