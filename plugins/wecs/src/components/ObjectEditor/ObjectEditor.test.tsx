import { EditorView } from '@codemirror/view';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot } from '../../__testUtils__/fixtures';
import { ObjectEditor } from './ObjectEditor';

const configMap = (resourceVersion: string, color: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'theme', namespace: 'shop', resourceVersion },
  data: { color },
});

const target = {
  cluster: 'cluster1',
  namespace: 'shop',
  kind: 'ConfigMap',
  name: 'theme',
};

describe('ObjectEditor', () => {
  const { api } = fakeWecsApi(() => clustersSnapshot([]));
  const editor = (object: Record<string, any>) => (
    <TestApiProvider apis={[[wecsApiRef, api]]}>
      <ObjectEditor
        target={target}
        object={object}
        save={jest.fn()}
        onSaved={jest.fn()}
        onReload={jest.fn()}
      />
    </TestApiProvider>
  );
  const view = () =>
    EditorView.findFromDOM(
      screen
        .getByRole('textbox', { name: 'ConfigMap theme as YAML' })
        .closest('.cm-editor') as HTMLElement,
    )!;

  it('follows the cluster until the user edits, then keeps the edits and warns of a newer version', async () => {
    const { rerender } = await renderInTestApp(editor(configMap('1', 'blue')));
    rerender(editor(configMap('2', 'teal')));
    rerender(editor(configMap('2', 'green')));
    expect(view().state.doc.toString()).toContain('color: green');
    // New versions from the cluster are not edits.
    expect(screen.getByRole('button', { name: 'Update' })).toBeDisabled();
    const text = view().state.doc.toString();
    const at = text.indexOf('green');
    view().dispatch({ changes: { from: at, to: at + 5, insert: 'red' } });
    rerender(editor(configMap('3', 'yellow')));
    expect(view().state.doc.toString()).toContain('color: red');
    expect(
      screen.getByText(
        /changed in the cluster while you were editing \(resourceVersion 2 → 3\)/,
      ),
    ).toBeInTheDocument();
  });

  it('says when KubeStellar delivered the object, since direct edits do not last', async () => {
    const delivered = configMap('1', 'blue');
    (delivered.metadata as any).ownerReferences = [
      {
        apiVersion: 'work.open-cluster-management.io/v1',
        kind: 'AppliedManifestWork',
        name: 'abc-shop-everywhere-wds1-1',
        uid: 'u',
      },
    ];
    await renderInTestApp(editor(delivered));
    expect(
      screen.getByText(/KubeStellar delivered this object from a WDS/),
    ).toBeInTheDocument();
  });
});
