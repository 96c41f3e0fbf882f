import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { unifiedMergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView, lineNumbers } from '@codemirror/view';
import { makeStyles, useTheme } from '@material-ui/core';
import { useEffect, useRef } from 'react';
import type { ObjectTextFormat } from '../../lib/k8s/objectText';

const useStyles = makeStyles(theme => ({
  diff: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    maxHeight: '60vh',
    overflow: 'auto',
    '& .cm-editor': { fontSize: 13 },
    '& .cm-scroller': { fontFamily: 'Menlo, Consolas, monospace' },
    // The folded-lines bar marks its ends with U+299A, which many fonts lack.
    '& .cm-editor .cm-collapsedLines::before, & .cm-editor .cm-collapsedLines::after':
      {
        content: '"⋯"',
      },
  },
}));

/**
 * What an edit changes, as one read-only document: removed lines struck through in red above the
 * green lines that replace them, long unchanged stretches folded away.
 */
export const DiffView = ({
  original,
  modified,
  language,
}: {
  original: string;
  modified: string;
  language: ObjectTextFormat;
}) => {
  const classes = useStyles();
  const dark = useTheme().palette.type === 'dark';
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: modified,
        extensions: [
          lineNumbers(),
          language === 'json' ? json() : yaml(),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.contentAttributes.of({ 'aria-label': 'Changes to save' }),
          unifiedMergeView({
            original,
            mergeControls: false,
            collapseUnchanged: { margin: 3, minSize: 6 },
          }),
          dark ? oneDark : [],
        ],
      }),
    });
    return () => view.destroy();
  }, [original, modified, language, dark]);
  return <div ref={host} className={classes.diff} />;
};
