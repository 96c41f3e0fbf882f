import { Box, Paper, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo } from 'react';
import { FixedSizeList } from 'react-window';
import { compareNames } from '../../lib/compareNames';
import { useClusterStatuses } from '../../hooks/useClusterStatuses';
import { useObjectList } from '../../hooks/useObjectList';
import { ChoiceField, FilterRow } from '../../components/Filters';
import {
  KubeStellarLayout,
  PluginPage,
} from '../../components/KubeStellarLayout';
import { ObjectDrawer } from '../../components/ObjectDrawer';
import {
  selectionKeyOf,
  useObjectSelection,
} from '../../hooks/useObjectSelection';
import { useUrlParams } from '../../hooks/useUrlParams';
import { SearchField } from '../../components/SearchField';
import { ListedNote } from './ListedNote';
import { ObjectRow, ObjectRowData, useObjectTableStyles } from './ObjectRow';
import { useListedObjects, useUnwatchedKinds } from './useListedObjects';

const ROW_HEIGHT = 40;
const MAX_HEIGHT = 640;
const ALL_ROLES = ['wec', 'its', 'wds'] as const;

/** Sorted, unique keys of the counts every cluster reports. */
const countKeys = (maps: Array<Record<string, number>>) =>
  [...new Set(maps.flatMap(Object.keys))].sort(compareNames);

/**
 * Object Explorer: every kind in every namespace of every cluster (the WECs, the ITS and the
 * WDSes), narrowed by cluster, kind, namespace, name and labels on the server, which sends the
 * rows on screen; an object opens over the list with its summary, YAML editing, logs and
 * events.
 */
const ObjectExplorerView = () => {
  const classes = useObjectTableStyles();
  const [params, update] = useUrlParams();
  const cluster = params.get('cluster') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const namespace = params.get('namespace') ?? undefined;
  const query = params.get('q') ?? '';
  const selector = params.get('selector') ?? '';
  const list = useObjectList({
    roles: [...ALL_ROLES],
    ...(cluster ? { clusters: [cluster] } : {}),
    ...(kind ? { kinds: [kind] } : {}),
    ...(namespace ? { namespaces: [namespace] } : {}),
    ...(query.trim() ? { name: query.trim() } : {}),
    ...(selector.trim() ? { labelSelector: selector.trim() } : {}),
  });
  const clusters = useClusterStatuses();

  // A pending cluster has not joined: it has no objects and no types to list.
  const watched = clusters.filter(c => c.state !== 'pending');
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
  const listedRows = useMemo(
    () =>
      [...listed.resources.values()].sort(
        (a, b) =>
          compareNames(a.cluster, b.cluster) ||
          compareNames(a.namespace ?? '', b.namespace ?? '') ||
          compareNames(a.name, b.name),
      ),
    [listed.resources],
  );
  const total = listedKind ? listedRows.length : list.total;
  const rowAt = useMemo(
    () => (listedKind ? (index: number) => listedRows[index] : list.rowAt),
    [listedKind, listedRows, list.rowAt],
  );
  const loaded = listedKind
    ? Boolean(listed.listedAt)
    : list.loaded && !unwatched.loading;
  const { relist } = listed;
  const { views } = list;
  const pageView = useMemo(
    () => ({
      ...views,
      refresh: listedKind
        ? () => {
            views.refresh();
            relist();
          }
        : views.refresh,
    }),
    [listedKind, views, relist],
  );
  const selection = useObjectSelection(
    listedKind ? listed.resources : list.byKey,
  );
  const { open } = selection;
  const rowData = useMemo<ObjectRowData>(
    () => ({ rowAt, open }),
    [rowAt, open],
  );

  return (
    <KubeStellarLayout
      refreshes={ALL_ROLES}
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
              selector: undefined,
            }),
        },
        ...[cluster, kind, namespace]
          .filter((part): part is string => Boolean(part))
          .map(label => ({ label })),
      ]}
      help="Pick a cluster, a kind or a namespace, type part of a name or a label selector (app=web, env in (prod,staging), !canary): the backend narrows the list and sends the rows on screen. Kinds the backend does not watch (nodes, service accounts, roles…) are listed from the clusters when you pick them: such a list is a snapshot, and Refresh lists it again. Click an object to see it, edit its YAML, follow its logs or read its events."
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
          placeholder="Part of a name"
          value={query}
          onChange={q => update({ q })}
        />
        <SearchField
          label="Label selector"
          placeholder="app=web,tier in (front)"
          value={selector}
          onChange={next => update({ selector: next })}
        />
        <Typography variant="body2" color="textSecondary">
          {total.toLocaleString()} objects
        </Typography>
      </FilterRow>
      {list.refused && !listedKind && (
        <Box mb={2}>
          <Alert severity="error">{list.refused}</Alert>
        </Box>
      )}
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
          height={Math.min(MAX_HEIGHT, Math.max(total, 1) * ROW_HEIGHT)}
          width="100%"
          itemCount={total}
          itemSize={ROW_HEIGHT}
          itemKey={index => {
            const resource = rowAt(index);
            return resource ? selectionKeyOf(resource) : `row-${index}`;
          }}
          itemData={rowData}
          onItemsRendered={({ overscanStartIndex, overscanStopIndex }) =>
            list.onRange(overscanStartIndex, overscanStopIndex)
          }
        >
          {ObjectRow}
        </FixedSizeList>
        {loaded && !total && (
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

/** The "Object Explorer" page of the WECS plugin. */
export const ObjectExplorerPage = () => (
  <PluginPage
    title="Object Explorer"
    subtitle="Every object of every cluster, WDS and ITS included"
    view={ObjectExplorerView}
  />
);
