import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { wecsApiRef } from '../../api';
import { CodeEditor } from '../../components/CodeEditor';
import { parseManifests } from '../../lib/k8s/objectText';
import { saveErrorMessage } from '../../components/ObjectEditor';
import { backendMessage } from '../../api/backendMessage';

/** The label KubeStellar's UI puts on what it creates, so that policies can select it. */
export const WORKLOAD_LABEL = 'kubestellar.io/workload';

/** A starting manifest: a Deployment the demo's `shop-everywhere` policy would select. */
export const exampleManifest = (namespace: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  namespace: ${namespace}
  labels:
    app.kubernetes.io/part-of: ${namespace}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
        - name: hello
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

const withWorkloadLabel = (object: Record<string, any>) => ({
  ...object,
  metadata: {
    ...object.metadata,
    labels: {
      [WORKLOAD_LABEL]: object.metadata?.name ?? object.metadata?.generateName,
      ...object.metadata?.labels,
    },
  },
});

const createErrorMessage = (error: unknown, object: Record<string, any>) => {
  const what = `${object.kind} ${object.metadata?.name ?? ''}`.trim();
  if (error instanceof ResponseError && error.statusCode === 409)
    return `${what} already exists: ${backendMessage(error)}`;
  return `${what}: ${saveErrorMessage(error)}`;
};

/**
 * "Create Workload": manifests written or pasted as YAML (several separated by `---`),
 * checked, then created in the WDS one by one as `kubectl create -f` would. A refusal names
 * the object and the API server's reason, and keeps the text.
 */
export const CreateWorkloadDialog = ({
  wds,
  namespace,
  open,
  onClose,
}: {
  wds: string;
  namespace: string;
  open: boolean;
  onClose: () => void;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const alertApi = useApi(alertApiRef);
  const [text, setText] = useState(() => exampleManifest(namespace));
  const [problem, setProblem] = useState<string>();
  const [created, setCreated] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const parsed = parseManifests(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem(undefined);
    setBusy(true);
    const done: string[] = [];
    try {
      for (const object of parsed.objects) {
        const result = await wecsApi.createObject(
          wds,
          withWorkloadLabel(object),
        );
        done.push(`${result.kind} ${result.metadata?.name}`);
      }
      alertApi.post({
        message: `Created in ${wds}: ${done.join(', ')}`,
        severity: 'success',
        display: 'transient',
      });
      setCreated([]);
      onClose();
    } catch (error) {
      setCreated(done);
      setProblem(createErrorMessage(error, parsed.objects[done.length] ?? {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>Create workload in {wds}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Write or paste manifests; separate several with <code>---</code>. They
          are created in the WDS, labelled{' '}
          <code>{WORKLOAD_LABEL}=&lt;name&gt;</code>; binding policies whose
          rules select them place them on clusters.
        </Typography>
        <CodeEditor
          value={text}
          language="yaml"
          onChange={next => {
            setText(next);
            setProblem(undefined);
          }}
          height={360}
          label="Manifests to create"
        />
        {created.length > 0 && (
          <Alert severity="info">
            Created before the error: {created.join(', ')}
          </Alert>
        )}
        {problem && <Alert severity="error">{problem}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={create}
          disabled={busy}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
};
