import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import {
  Annotation,
  Compartment,
  EditorState,
  Extension,
} from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import { makeStyles, useTheme } from '@material-ui/core';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { ObjectTextFormat } from '../../lib/k8s/objectText';

/** Marks the changes that come from the `value` prop, which are not the user's edits. */
const fromProps = Annotation.define<boolean>();

const languageOf = (language: ObjectTextFormat) =>
  language === 'json' ? json() : yaml();

const modeExtensions = (
  readOnly: boolean,
  dark: boolean,
  label: string,
): Extension[] => [
  EditorState.readOnly.of(readOnly),
  EditorView.editable.of(!readOnly),
  EditorView.contentAttributes.of({ 'aria-label': label }),
  dark ? oneDark : [],
];

const useStyles = makeStyles(theme => ({
  editor: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    '& .cm-editor': { height: '100%', fontSize: 13 },
    '& .cm-scroller': { fontFamily: 'Menlo, Consolas, monospace' },
  },
}));

/**
 * A CodeMirror 6 editor (line numbers, highlighting, search, folding, undo) for YAML or JSON.
 * `value` replaces the text when it changes from outside, e.g. after a reload; the user's edits
 * come back through `onChange`.
 */
export const CodeEditor = ({
  value,
  language,
  onChange,
  readOnly = false,
  height = 480,
  label,
}: {
  value: string;
  language: ObjectTextFormat;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  height?: number | string;
  /** The editor's accessible name. */
  label: string;
}) => {
  const classes = useStyles();
  const dark = useTheme().palette.type === 'dark';
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const languageSlot = useRef(new Compartment());
  const modeSlot = useRef(new Compartment());

  useEffect(() => {
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          languageSlot.current.of(languageOf(language)),
          modeSlot.current.of(modeExtensions(readOnly, dark, label)),
          EditorView.updateListener.of(update => {
            const byUser = !update.transactions.some(tr =>
              tr.annotation(fromProps),
            );
            if (update.docChanged && byUser)
              onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.current?.destroy();
    // The view is created once; the effects below keep it in step with its props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({
      changes: { from: 0, to: current.state.doc.length, insert: value },
      annotations: fromProps.of(true),
    });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: languageSlot.current.reconfigure(languageOf(language)),
    });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({
      effects: modeSlot.current.reconfigure(
        modeExtensions(readOnly, dark, label),
      ),
    });
  }, [readOnly, dark, label]);

  return <div ref={host} className={classes.editor} style={{ height }} />;
};
