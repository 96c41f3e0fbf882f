import { LogSource, SlimResource } from '@kubestellar/plugin-wecs-common';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  makeStyles,
  MenuItem,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useMemo, useRef, useState } from 'react';
import useMeasure from 'react-use/esm/useMeasure';
import { ListOnScrollProps, VariableSizeList } from 'react-window';
import { downloadText } from '../../lib/download';
import { LogLine, LogQuery } from '../../api';
import { useLogStream } from './useLogStream';
import { SearchField } from '../SearchField';
import { LINE_HEIGHT, LogLineRow, LogRowOptions } from './LogLineRow';

/** The guide's choices of previous lines to load. */
const TAIL_CHOICES = ['50', '100', '500', 'all'] as const;
type Tail = (typeof TAIL_CHOICES)[number];
const ALL_CONTAINERS = '*';
/** Rough width of one character of the log font, to estimate wrapped line heights. */
const CHAR_WIDTH = 7.6;
const GUTTER_WIDTH = 120;
const VIEW_HEIGHT = 520;

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  select: { minWidth: 160 },
  tail: { minWidth: 110 },
  view: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
  },
}));

/**
 * Whose log to show: a pod, or every pod of a workload; either way its containers (init and
 * sidecars included) to pick from.
 */
export type LogTarget = Pick<
  SlimResource,
  'cluster' | 'namespace' | 'kind' | 'name' | 'summary'
>;

/** How lines name their source: the container alone when all come from one pod. */
function sourceLabeller(sources: LogSource[]) {
  if (sources.length < 2) return undefined;
  const onePod = new Set(sources.map(source => source.pod)).size === 1;
  return (line: LogLine) =>
    onePod ? `[${line.container}]` : `[${line.pod}/${line.container}]`;
}

/** The line as written to a downloaded file: its source and timestamp when shown, then the text. */
function fileLine(
  line: LogLine,
  sourceOf: ((line: LogLine) => string) | undefined,
  timestamps: boolean,
) {
  return `${sourceOf ? `${sourceOf(line)} ` : ''}${
    timestamps && line.time ? `${line.time} ` : ''
  }${line.text}\n`;
}

/**
 * The Logs tab: a pod's or a workload's containers (init and sidecars included; a workload's
 * pods as they come and go), streamed live over the log socket into a virtualized view that
 * stays smooth with 100,000 lines. A dropped connection resumes where it left off.
 */
export const LogViewer = ({
  target,
  initialSearch = '',
}: {
  target: LogTarget;
  /** A search to start with, e.g. the name the reader cares about. */
  initialSearch?: string;
}) => {
  const classes = useStyles();
  const isPod = target.kind === 'Pod';
  const containers = target.summary?.containers ?? [];
  const restarted = (target.summary?.restarts ?? 0) > 0;
  const [container, setContainer] = useState<string>(
    containers.length === 1 ? containers[0].name : ALL_CONTAINERS,
  );
  const [tail, setTail] = useState<Tail>('500');
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [previous, setPrevious] = useState(false);
  const [lineNumbers, setLineNumbers] = useState(true);
  const [wrap, setWrap] = useState(false);
  const [search, setSearch] = useState(initialSearch);
  const [onlyMatching, setOnlyMatching] = useState(false);

  const query: LogQuery = {
    cluster: target.cluster,
    namespace: target.namespace ?? '',
    ...(isPod
      ? { pod: target.name }
      : { workload: { kind: target.kind, name: target.name } }),
    ...(container !== ALL_CONTAINERS ? { container } : {}),
    ...(tail === 'all' ? {} : { tailLines: Number(tail) }),
    follow,
    previous: isPod && previous,
  };
  const stream = useLogStream(query);
  const { lines, version } = stream;
  const sourceOf = useMemo(
    () => sourceLabeller(stream.sources),
    [stream.sources],
  );

  const needle = search.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!needle) return undefined;
    const found: number[] = [];
    lines.forEach((line, index) => {
      if (line.text.toLowerCase().includes(needle)) found.push(index);
    });
    return found;
    // `version` changes whenever `lines` grows in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, version, needle]);
  const shown = onlyMatching && matches ? matches : undefined;
  const rowCount = shown ? shown.length : lines.length;
  const lineAt = (row: number) => (shown ? shown[row] : row);

  const [measureRef, { width }] = useMeasure<HTMLDivElement>();
  const columns = Math.max(
    20,
    Math.floor(
      ((width || 900) - (lineNumbers ? GUTTER_WIDTH : 40)) / CHAR_WIDTH,
    ),
  );
  const list = useRef<VariableSizeList>(null);
  const atBottom = useRef(true);
  const itemSize = (row: number) => {
    if (!wrap) return LINE_HEIGHT;
    const line = lines[lineAt(row)];
    const length =
      (line?.text.length ?? 0) +
      (sourceOf && line ? sourceOf(line).length + 1 : 0) +
      (timestamps && line?.time ? line.time.length + 1 : 0);
    return LINE_HEIGHT * Math.max(1, Math.ceil(length / columns));
  };

  useEffect(() => {
    list.current?.resetAfterIndex(0);
  }, [wrap, columns, shown, sourceOf, lineNumbers, timestamps]);
  useEffect(() => {
    // A stream started afresh (another container, Refresh, Clear) is followed from its end.
    if (rowCount === 0) atBottom.current = true;
    else if (follow && atBottom.current)
      list.current?.scrollToItem(rowCount - 1, 'end');
  }, [version, rowCount, follow]);

  const scroller = useRef<HTMLDivElement>(null);
  // Following sticks to the end only while the user is there: scrolling up to read stops it,
  // scrolling back to the end resumes it. Only a scroll up counts, as the list reports one
  // scroll, at the top, when it mounts with a screenful of lines already.
  const onScroll = ({
    scrollDirection,
    scrollUpdateWasRequested,
  }: ListOnScrollProps) => {
    const element = scroller.current;
    if (scrollUpdateWasRequested || !element) return;
    if (
      element.scrollHeight - element.scrollTop - element.clientHeight <
      2 * LINE_HEIGHT
    )
      atBottom.current = true;
    else if (scrollDirection === 'backward') atBottom.current = false;
  };

  const rowOptions: LogRowOptions = {
    lineNumbers,
    wrap,
    timestamps,
    sourceOf,
    search: needle,
  };

  const download = () => {
    const rows = shown ? shown.map(i => lines[i]) : lines;
    downloadText(
      `${target.cluster}-${target.namespace}-${target.name}${
        container !== ALL_CONTAINERS ? `-${container}` : ''
      }.log`,
      rows.map(line => fileLine(line, sourceOf, timestamps)).join(''),
    );
  };

  const failedSources = stream.ended.filter(e => e.error);
  let state = `${lines.length.toLocaleString()} lines`;
  if (stream.reconnecting) state = `Reconnecting… · ${state}`;
  else if (stream.streaming && follow) state = `Following · ${state}`;
  else if (!stream.streaming) state = `Ended · ${state}`;

  return (
    <div ref={measureRef}>
      <div className={classes.controls}>
        {containers.length > 0 && (
          <TextField
            select
            size="small"
            variant="outlined"
            label="Container"
            className={classes.select}
            value={container}
            onChange={e => setContainer(e.target.value)}
          >
            <MenuItem value={ALL_CONTAINERS}>All containers</MenuItem>
            {containers.map(c => (
              <MenuItem key={c.name} value={c.name}>
                {c.name}
                {c.role === 'main' ? '' : ` (${c.role})`}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          select
          size="small"
          variant="outlined"
          label="Tail Lines"
          className={classes.tail}
          value={tail}
          onChange={e => setTail(e.target.value as Tail)}
        >
          {TAIL_CHOICES.map(choice => (
            <MenuItem key={choice} value={choice}>
              {choice === 'all' ? 'All' : choice}
            </MenuItem>
          ))}
        </TextField>
        <SearchField
          label="Search the log"
          value={search}
          onChange={setSearch}
          note={matches && `${matches.length.toLocaleString()} matching`}
        />
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={onlyMatching}
              onChange={(_, checked) => setOnlyMatching(checked)}
            />
          }
          label="Only matching"
        />
      </div>
      <div className={classes.controls}>
        {(
          [
            ['Follow', follow, setFollow],
            ['Timestamps', timestamps, setTimestamps],
            ['Line numbers', lineNumbers, setLineNumbers],
            ['Wrap', wrap, setWrap],
          ] as const
        ).map(([label, checked, set]) => (
          <FormControlLabel
            key={label}
            control={
              <Checkbox
                size="small"
                checked={checked}
                onChange={(_, value) => set(value)}
              />
            }
            label={label}
          />
        ))}
        {isPod && (
          <Tooltip
            title={
              restarted
                ? "The log of each container's run before its last restart"
                : 'No container of this pod has restarted'
            }
          >
            <FormControlLabel
              control={
                <Checkbox
                  size="small"
                  checked={previous}
                  disabled={!restarted}
                  onChange={(_, value) => setPrevious(value)}
                />
              }
              label="Previous run"
            />
          </Tooltip>
        )}
        <Box flexGrow={1} />
        <Tooltip title={stream.reconnecting ?? ''}>
          <Typography
            variant="caption"
            color="textSecondary"
            aria-live="polite"
          >
            {state}
          </Typography>
        </Tooltip>
        <Button size="small" onClick={download} disabled={rowCount === 0}>
          Download
        </Button>
        <Button size="small" onClick={stream.clear}>
          Clear
        </Button>
        <Tooltip title="Load the log again from the start">
          <Button size="small" onClick={stream.reload}>
            Refresh
          </Button>
        </Tooltip>
      </div>
      {stream.error && (
        <Box mb={1}>
          <Alert severity="error">{stream.error}</Alert>
        </Box>
      )}
      {failedSources.map(({ source, error }) => (
        <Box mb={1} key={`${source.pod}/${source.container}`}>
          <Alert severity="warning">
            {source.pod}/{source.container}: {error}
          </Alert>
        </Box>
      ))}
      <div className={classes.view} role="log" aria-label="Log lines">
        {rowCount === 0 ? (
          <Box p={2} height={VIEW_HEIGHT} boxSizing="border-box">
            <Typography variant="body2" color="textSecondary">
              {stream.streaming ? 'Waiting for log lines…' : 'No log lines.'}
            </Typography>
          </Box>
        ) : (
          <VariableSizeList
            ref={list}
            outerRef={scroller}
            height={VIEW_HEIGHT}
            width="100%"
            itemCount={rowCount}
            itemSize={itemSize}
            estimatedItemSize={LINE_HEIGHT}
            overscanCount={20}
            onScroll={onScroll}
          >
            {({ index, style }) => (
              <LogLineRow
                line={lines[lineAt(index)]}
                number={lineAt(index) + 1}
                options={rowOptions}
                style={style}
              />
            )}
          </VariableSizeList>
        )}
      </div>
    </div>
  );
};
