import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { ObjectRef, wecsApiRef } from '../../api';
import { DriftedField, driftBetween } from '../../lib/kubestellar/drift';
import { holdsRedactedValues } from '../../lib/k8s/redactedValues';
import { ObjectEditor } from '../ObjectEditor';
import { useWdsCopy } from './useWdsCopy';

const MAX_VALUE_CHARS = 300;

/** A field's value as one short line: `(not set)` when absent, JSON for lists and maps. */
function valueText(value: unknown): string {
  if (value === undefined) return '(not set)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS
    ? `${text.slice(0, MAX_VALUE_CHARS)}…`
    : text;
}

const code = (text: string) => (
  <Typography
    variant="body2"
    component="code"
    style={{ wordBreak: 'break-all' }}
  >
    {text}
  </Typography>
);

const columnsFor = (wds: string): TableColumn<DriftedField>[] => [
  { title: 'Field', render: field => code(field.path) },
  { title: `In ${wds}`, render: field => code(valueText(field.desired)) },
  { title: 'Here', render: field => code(valueText(field.actual)) },
];

/**
 * The Drift tab of an object KubeStellar delivered: whether each field its WDS copy sets has
 * the same value here and, when not, which fields differ, with the WDS copy one click away so
 * that a change lasts.
 */
export const DriftView = ({
  target,
  object,
}: {
  target: ObjectRef;
  /** The delivered copy, fresh from its cluster. */
  object: Record<string, any>;
}) => {
  const wecsApi = useApi(wecsApiRef);
  const wdsCopy = useWdsCopy(target, object.metadata?.resourceVersion);
  const [editing, setEditing] = useState(false);
  if (wdsCopy.loading && !wdsCopy.value) return <Progress />;
  if (wdsCopy.error) return <ResponseErrorPanel error={wdsCopy.error} />;
  const copy = wdsCopy.value;
  const name = `${target.kind} ${
    target.namespace ? `${target.namespace}/` : ''
  }${target.name}`;
  if (!copy) {
    return (
      <Alert severity="info">
        No WDS holds {name} now: its WDS copy was deleted or no policy binds it
        any more, so the work agent removes this copy.
      </Alert>
    );
  }
  const wds = copy.ref.cluster;
  const drift = driftBetween(copy.object, object);
  // Both copies come redacted alike, so hidden values always look equal: say so.
  const hidden =
    holdsRedactedValues(copy.object) || holdsRedactedValues(object);
  const compareAgain = (
    <Button size="small" onClick={wdsCopy.retry}>
      Compare again
    </Button>
  );
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      {drift.length === 0 ? (
        <Alert severity="success" action={compareAgain}>
          In step with {wds}: every field {wds} sets for {name}
          {hidden ? ' that you may see' : ''} has the same value here.
        </Alert>
      ) : (
        <Alert
          severity="warning"
          action={
            <>
              {compareAgain}
              <Button size="small" onClick={() => setEditing(!editing)}>
                {editing ? 'Close' : `Edit in ${wds}`}
              </Button>
            </>
          }
        >
          {drift.length === 1 ? 'One field' : `${drift.length} fields`} here{' '}
          {drift.length === 1 ? 'differs' : 'differ'} from {wds}: a local edit,
          an autoscaler, a webhook, or a change still on its way. The work agent
          puts {wds}&apos;s values back when it next applies the work; to keep a
          change, make it in {wds}.
        </Alert>
      )}
      {hidden && (
        <Alert severity="info">
          Secret values are hidden from you (they need wecs.secrets.read), so
          whether they differ between {wds} and here is not shown.
        </Alert>
      )}
      {drift.length > 0 && (
        <Table
          title="Fields that differ"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columnsFor(wds)}
          data={drift}
        />
      )}
      {editing && (
        <ObjectEditor
          target={copy.ref}
          object={copy.object}
          save={edited => wecsApi.replaceObject(copy.ref, edited)}
          onSaved={() => wdsCopy.retry()}
          onReload={wdsCopy.retry}
        />
      )}
    </Box>
  );
};
