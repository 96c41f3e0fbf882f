import { SlimResource } from '@kubestellar/plugin-wecs-common';
import { Box, Paper, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { FixedSizeList } from 'react-window';
import { compareNames } from '../../lib/compareNames';
import { useFleet } from '../../hooks/useFleet';
import { ChoiceField, FilterRow } from '../../components/Filters';
import { KubeStellarLayout } from '../../components/KubeStellarLayout';
import { LabelList } from '../../components/Placement';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import {
  selectionKeyOf,
  useObjectSelection,
} from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
import { SearchField } from '../../components/SearchField';
import { PhaseStatus } from '../../components/Status';
import { ListedNote } from './ListedNote';
import { useListedObjects, useUnwatchedKinds } from './useListedObjects';

const ROW_HEIGHT = 40;
const MAX_HEIGHT = 640;
const ALL_ROLES = ['wec', 'its', 'wds'] as const;
const COLUMNS = '160px minmax(160px, 2fr) 140px 120px 160px minmax(160px, 3fr)';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    cursor: 'pointer',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    '&:hover, &:focus': { backgroundColor: theme.palette.action.hover },
  },
  head: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    fontWeight: theme.typography.fontWeightBold as number,
    borderBottom: `2px solid ${theme.palette.divider}`,
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
}));

const matchesSearch = (resource: SlimResource, text: string) =>
  !text ||
  [
    resource.name,
    resource.kind,
    resource.namespace ?? '',
    ...Object.entries(resource.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  ].some(value => value.toLowerCase().includes(text));

/** Sorted, unique keys of the counts every cluster reports. */
const countKeys = (maps: Array<Record<string, number>>) =>
  [...new Set(maps.flatMap(Object.keys))].sort(compareNames);

/**
 * Object Explorer: every kind in every namespace of every cluster (the WECs, the ITS and the
 * WDSes), narrowed by cluster, kind and namespace on the server and by search here; an object
 * opens over the list with its summary, YAML editing, logs and events.
 */
export const ObjectExplorerPage = () => {
  const classes = useStyles();
  const [params, update] = useUrlParams();
  const cluster = params.get('cluster') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const namespace = params.get('namespace') ?? undefined;
  const query = params.get('q') ?? '';
  const view = useFleet({
    roles: [...ALL_ROLES],
    ...(cluster ? { clusters: [cluster] } : {}),
    ...(kind ? { kinds: [kind] } : {}),
    ...(namespace ? { namespaces: [namespace] } : {}),
  });

  // A pending cluster has not joined: it has no objects and no types to list.
  const watched = view.clusters.filter(c => c.state !== 'pending');
  // The choices come from every cluster's counts, so narrowing one filter keeps the others.
  const counted = watched.filter(c => !cluster || c.name === cluster);
  const kinds = countKeys(counted.map(c => c.counts.byKind));
  const namespaces = countKeys(counted.map(c => c.counts.byNamespace)).filter(
    Boolean,
  );
  // Kinds the backend does not watch are offered too, and listed from the clusters when chosen.
  const unwatched = useUnwatchedKinds(counted.map(c => c.name));
  const moreKinds = [...unwatched.servedBy.keys()]
    .filter(k => !kinds.includes(k))
    .sort(compareNames);
  const listedFrom = (kind && unwatched.servedBy.get(kind)) || [];
  const listedKind =
    kind && listedFrom.length && !kinds.includes(kind) ? kind : undefined;
  const listed = useListedObjects(listedKind, listedFrom, namespace);
  const resources = listedKind ? listed.resources : view.resources;
  const loaded = listedKind
    ? Boolean(listed.listedAt)
    : Boolean(view.updatedAt) && !unwatched.loading;
  const { relist } = listed;
  const pageView = useMemo(
    () =>
      listedKind
        ? {
            ...view,
            refresh: () => {
              view.refresh();
              relist();
            },
          }
        : view,
    [listedKind, view, relist],
  );
  const selection = useObjectSelection(resources);

  const rows = useMemo(() => {
    const text = query.trim().toLowerCase();
    return [...resources.values()]
      .filter(r => matchesSearch(r, text))
      .sort(
        (a, b) =>
          compareNames(a.kind, b.kind) ||
          compareNames(a.namespace ?? '', b.namespace ?? '') ||
          compareNames(a.name, b.name) ||
          compareNames(a.cluster, b.cluster),
      );
  }, [resources, query]);

  return (
    <KubeStellarLayout
      title="Object Explorer"
      subtitle="Every object of every cluster, WDS and ITS included"
      view={pageView}
      crumbs={[
        {
          label: 'Object Explorer',
          onClick: () =>
            update({
              cluster: undefined,
              kind: undefined,
              namespace: undefined,
              q: undefined,
            }),
        },
        ...[cluster, kind, namespace]
          .filter((part): part is string => Boolean(part))
          .map(label => ({ label })),
      ]}
      help="Pick a cluster, a kind or a namespace to ask the backend for only those objects; search narrows by name, kind, namespace or label. Kinds the backend does not watch (nodes, service accounts, roles…) are listed from the clusters when you pick them: such a list is a snapshot, and Refresh lists it again. Click an object to see it, edit its YAML, follow its logs or read its events."
    >
      <FilterRow>
        <ChoiceField
          label="Cluster"
          value={cluster}
          options={watched.map(c => c.name)}
          allLabel="All clusters"
          onChange={next => update({ cluster: next })}
        />
        <ChoiceField
          label="Kind"
          value={kind}
          options={kinds}
          allLabel="All kinds"
          more={{
            heading: 'Not watched: listed when chosen',
            options: moreKinds,
          }}
          onChange={next => update({ kind: next })}
        />
        <ChoiceField
          label="Namespace"
          value={namespace}
          options={namespaces}
          allLabel="All namespaces"
          onChange={next => update({ namespace: next })}
        />
        <SearchField
          label="Search objects"
          placeholder="Name, kind, namespace or label"
          value={query}
          onChange={q => update({ q })}
        />
        <Typography variant="body2" color="textSecondary">
          {rows.length.toLocaleString()} objects
        </Typography>
      </FilterRow>
      {unwatched.error && (
        <Box mb={2}>
          <Alert severity="warning">
            The kinds the backend does not watch could not be read:{' '}
            {unwatched.error.message}
          </Alert>
        </Box>
      )}
      {listedKind && (
        <ListedNote
          kind={listedKind}
          clusters={listedFrom}
          listedAt={listed.listedAt}
          truncated={listed.truncated}
          failures={listed.failures}
          namespaced={unwatched.namespaced.has(listedKind)}
        />
      )}
      <Paper variant="outlined" role="table" aria-label="Objects">
        <div className={classes.head} role="row">
          <span role="columnheader">Kind</span>
          <span role="columnheader">Name</span>
          <span role="columnheader">Namespace</span>
          <span role="columnheader">Cluster</span>
          <span role="columnheader">Status</span>
          <span role="columnheader">Labels</span>
        </div>
        <FixedSizeList
          height={Math.min(MAX_HEIGHT, Math.max(rows.length, 1) * ROW_HEIGHT)}
          width="100%"
          itemCount={rows.length}
          itemSize={ROW_HEIGHT}
          itemKey={index => selectionKeyOf(rows[index])}
        >
          {({ index, style }) => {
            const resource = rows[index];
            return (
              <div
                style={style}
                className={classes.row}
                role="row"
                tabIndex={0}
                aria-label={`${resource.kind} ${resource.name} in ${resource.cluster}`}
                onClick={() => selection.open(resource)}
                onKeyDown={event => {
                  if (event.key === 'Enter') selection.open(resource);
                }}
              >
                <span className={classes.cell}>{resource.kind}</span>
                <span className={classes.cell}>
                  <b>{resource.name}</b>
                </span>
                <span className={classes.cell}>
                  {resource.namespace ?? '—'}
                </span>
                <span className={classes.cell}>{resource.cluster}</span>
                <Box
                  display="flex"
                  alignItems="center"
                  className={classes.cell}
                >
                  <PhaseStatus phase={resource.status.phase} />
                  {resource.status.reason ?? resource.status.phase}
                </Box>
                <span className={classes.cell}>
                  <LabelList labels={resource.labels} wrap={false} />
                </span>
              </div>
            );
          }}
        </FixedSizeList>
        {loaded && !rows.length && (
          <Box p={2}>
            <Typography variant="body2">
              No object matches these filters.
            </Typography>
          </Box>
        )}
      </Paper>
      <ObjectDrawer selection={selection} loaded={loaded} />
    </KubeStellarLayout>
  );
};
