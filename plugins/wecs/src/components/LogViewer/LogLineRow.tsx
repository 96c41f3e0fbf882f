import { makeStyles } from '@material-ui/core';
import { CSSProperties, Fragment } from 'react';
import { LogLine } from '../../api';
import { levelOf } from '../../lib/logLevel';
import { yellowTextColour } from '../Status';

export const LINE_HEIGHT = 20;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    fontFamily: 'Menlo, Consolas, monospace',
    fontSize: 12.5,
    lineHeight: `${LINE_HEIGHT}px`,
    paddingRight: theme.spacing(1),
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  number: {
    flex: '0 0 auto',
    width: '7ch',
    paddingRight: theme.spacing(1),
    textAlign: 'right',
    color: theme.palette.text.disabled,
    userSelect: 'none',
  },
  source: {
    flex: '0 0 auto',
    marginRight: theme.spacing(1),
    color: theme.palette.info.main,
    whiteSpace: 'nowrap',
  },
  text: { flex: '1 1 auto', minWidth: 0 },
  nowrap: { whiteSpace: 'pre', overflow: 'hidden', textOverflow: 'ellipsis' },
  wrap: { whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
  timestamp: { color: theme.palette.text.secondary },
  // The guide's colours: ERROR red, WARN yellow, INFO blue.
  error: { color: theme.palette.error.main },
  warning: { color: yellowTextColour(theme) },
  info: { color: theme.palette.info.main },
  debug: { color: theme.palette.text.secondary },
  match: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.common.black,
    borderRadius: 2,
  },
}));

/** `text` with every case-insensitive occurrence of `search` marked. */
const Highlighted = ({
  text,
  search,
  className,
}: {
  text: string;
  search: string;
  className: string;
}) => {
  if (!search) return <>{text}</>;
  const parts: JSX.Element[] = [];
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  let from = 0;
  for (
    let at = lower.indexOf(needle);
    at >= 0;
    at = lower.indexOf(needle, from)
  ) {
    parts.push(<Fragment key={`t${at}`}>{text.slice(from, at)}</Fragment>);
    parts.push(
      <mark key={`m${at}`} className={className}>
        {text.slice(at, at + needle.length)}
      </mark>,
    );
    from = at + needle.length;
  }
  parts.push(<Fragment key="rest">{text.slice(from)}</Fragment>);
  return <>{parts}</>;
};

export interface LogRowOptions {
  lineNumbers: boolean;
  wrap: boolean;
  timestamps: boolean;
  /** Which pod/container a line came from, shown when several are streamed. */
  sourceOf?: (line: LogLine) => string;
  search: string;
}

/** One line of the log view: number, source, timestamp, then the text coloured by its level. */
export const LogLineRow = ({
  line,
  number,
  options,
  style,
}: {
  line: LogLine;
  number: number;
  options: LogRowOptions;
  style: CSSProperties;
}) => {
  const classes = useStyles();
  const timestamp = options.timestamps && line.time ? `${line.time} ` : '';
  const text = line.text;
  const level = levelOf(text);
  return (
    <div
      style={style}
      className={classes.row}
      data-testid="log-line"
      data-level={level}
    >
      {options.lineNumbers && <span className={classes.number}>{number}</span>}
      {options.sourceOf && (
        <span className={classes.source}>{options.sourceOf(line)}</span>
      )}
      <span
        className={`${classes.text} ${
          options.wrap ? classes.wrap : classes.nowrap
        } ${level ? classes[level] : ''}`}
      >
        {timestamp && <span className={classes.timestamp}>{timestamp}</span>}
        <Highlighted
          text={text}
          search={options.search}
          className={classes.match}
        />
      </span>
    </div>
  );
};
