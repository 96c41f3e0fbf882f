import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReactNode, useId, useState } from 'react';

/**
 * Asks before an action that changes a cluster: what will happen, Cancel and the action's
 * button. While the action runs both buttons wait; a refusal is shown in place and the dialog
 * stays open so that it can be read; success closes it.
 */
export const ConfirmDialog = ({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  color = 'secondary',
  onConfirm,
  describeError = error => (error as Error).message,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  /** What will happen, and any warning. */
  children: ReactNode;
  confirmLabel: string;
  /** The confirm button's label while the action runs, e.g. `Deleting…`. */
  busyLabel: string;
  /** `secondary` for what cannot be undone or takes something away. */
  color?: 'primary' | 'secondary';
  onConfirm: () => Promise<void>;
  /** What the user reads when `onConfirm` rejects. */
  describeError?: (error: unknown) => string;
  onClose: () => void;
}) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = useId();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={() => !busy && close()}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {children}
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={confirm}
          disabled={busy}
          variant="contained"
          color={color}
        >
          {busy ? busyLabel : confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
