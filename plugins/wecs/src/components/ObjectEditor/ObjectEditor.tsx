import { ResponseError } from '@backstage/errors';
import { isDeliveredByKubeStellar } from '@kubestellar/plugin-wecs-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert, ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useMemo, useState } from 'react';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';
import { ObjectRef } from '../../api';
import { downloadText, objectFileName } from '../../lib/download';
import { DELIVERED_NOTE } from '../../lib/kubestellar/delivery';
import { CodeEditor, DiffView } from '../CodeEditor';
import {
  ObjectTextFormat,
  identityProblem,
  objectToText,
  parseObjectText,
} from '../../lib/k8s/objectText';
import { placeOf } from '../../lib/k8s/objectRefs';
import { backendMessage } from '../../api/backendMessage';

/** What the user should read when the API server refuses a save. */
export function saveErrorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    const detail = backendMessage(error);
    switch (error.statusCode) {
      case 409:
        return `Conflict: the object changed in the cluster after you loaded it (${detail}). Your text is kept; reload to get the current version, then apply your change to it again.`;
      case 400:
      case 422:
        return `The API server rejected the change: ${detail}`;
      case 403:
        return `Not allowed: ${detail}`;
      default:
        return detail;
    }
  }
  return String(error);
}

/**
 * The Edit tab: the object as YAML or JSON in a code editor; saving shows what will change
 * and replaces the object, guarded by its resourceVersion.
 */
export const ObjectEditor = ({
  target,
  where = placeOf(target),
  object,
  save,
  onSaved,
  onReload,
}: {
  target: ObjectRef;
  /** Where the object lives, as the save dialog says it. */
  where?: string;
  object: Record<string, any>;
  /** Replaces the object; rejects with the backend's ResponseError. */
  save: (object: Record<string, any>) => Promise<Record<string, any>>;
  onSaved: (updated: Record<string, any>) => void;
  onReload: () => void;
}) => {
  const [format, setFormat] = useState<ObjectTextFormat>('yaml');
  const original = useMemo(
    () => objectToText(object, format),
    [object, format],
  );
  const [edited, setEdited] = useState<string | undefined>();
  // The resourceVersion the user's edits started from, to warn when the cluster moves on.
  const [editedFrom, setEditedFrom] = useState<string>();
  const text = edited ?? original;
  const dirty = text !== original;
  const version = object.metadata?.resourceVersion;
  const changedMeanwhile = dirty && editedFrom && editedFrom !== version;
  const edit = (next: string | undefined) => {
    setEdited(next);
    setEditedFrom(next === undefined ? undefined : editedFrom ?? version);
  };
  const [problem, setProblem] = useState<string>();
  const [review, setReview] = useState<Record<string, any>>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [, copy] = useCopyToClipboard();

  const parse = () => {
    const parsed = parseObjectText(text, format);
    if (!parsed.ok) return { problem: parsed.message };
    const identity = identityProblem(parsed.object, target);
    return identity
      ? { problem: `This edit cannot be saved: ${identity}` }
      : { object: parsed.object };
  };

  const switchFormat = (next: ObjectTextFormat | null) => {
    if (!next || next === format) return;
    if (dirty) {
      const parsed = parseObjectText(text, format);
      if (!parsed.ok) {
        setProblem(`Fix the text before switching: ${parsed.message}`);
        return;
      }
      edit(objectToText(parsed.object, next));
    }
    setProblem(undefined);
    setFormat(next);
  };

  const startReview = () => {
    const result = parse();
    setProblem(result.problem);
    setSaved(undefined);
    if (result.object) {
      setSaveError(undefined);
      setReview(result.object);
    }
  };

  const confirmSave = async () => {
    if (!review) return;
    setSaving(true);
    try {
      const updated = await save(review);
      setReview(undefined);
      edit(undefined);
      setSaved(
        `Updated. ${target.kind} ${target.name} is now at resourceVersion ${updated.metadata?.resourceVersion}.`,
      );
      onSaved(updated);
    } catch (error) {
      setSaveError(saveErrorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const reload = () => {
    edit(undefined);
    setProblem(undefined);
    setSaved(undefined);
    onReload();
  };

  return (
    <>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={format}
          onChange={(_, next) => switchFormat(next)}
          aria-label="Format"
        >
          <ToggleButton value="yaml">YAML</ToggleButton>
          <ToggleButton value="json">JSON</ToggleButton>
        </ToggleButtonGroup>
        <Box flexGrow={1} />
        <Button size="small" onClick={() => copy(text)}>
          Copy
        </Button>
        <Button
          size="small"
          onClick={() => downloadText(objectFileName(target, format), text)}
        >
          Download
        </Button>
        <Tooltip title="Load the current version from the cluster, dropping your edits">
          <Button size="small" onClick={reload}>
            Reload
          </Button>
        </Tooltip>
        <Button
          size="small"
          disabled={!dirty}
          onClick={() => {
            edit(undefined);
            setProblem(undefined);
          }}
        >
          Discard changes
        </Button>
        <Button
          size="small"
          variant="contained"
          color="primary"
          disabled={!dirty}
          onClick={startReview}
        >
          Update
        </Button>
      </Box>
      {isDeliveredByKubeStellar(object.metadata?.ownerReferences) && (
        <Box mb={1}>
          <Alert severity="info">{DELIVERED_NOTE}</Alert>
        </Box>
      )}
      {changedMeanwhile && (
        <Box mb={1}>
          <Alert severity="warning">
            {target.kind} {target.name} changed in the cluster while you were
            editing (resourceVersion {editedFrom} → {version}). Saving will be
            refused as a conflict: copy your change, Reload, and apply it again.
          </Alert>
        </Box>
      )}
      {problem && (
        <Box mb={1}>
          <Alert severity="error">{problem}</Alert>
        </Box>
      )}
      {saved && (
        <Box mb={1}>
          <Alert severity="success" onClose={() => setSaved(undefined)}>
            {saved}
          </Alert>
        </Box>
      )}
      <CodeEditor
        label={`${target.kind} ${target.name} as ${format.toUpperCase()}`}
        value={text}
        language={format}
        onChange={edit}
        height="60vh"
      />
      <Dialog
        open={Boolean(review)}
        onClose={() => !saving && setReview(undefined)}
        maxWidth="md"
        fullWidth
      >
        <DialogTitle>
          Update {target.kind} {target.name}?
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            This replaces the object in {where} with your version. It is refused
            if someone changed the object since you loaded it.
          </Typography>
          {review && (
            <DiffView
              original={original}
              modified={objectToText(review, format)}
              language={format}
            />
          )}
          {saveError && (
            <Box mt={2}>
              <Alert severity="error">{saveError}</Alert>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReview(undefined)} disabled={saving}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            onClick={confirmSave}
            disabled={saving}
          >
            {saving ? 'Updating…' : 'Update'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
