import { EditorView } from '@codemirror/view';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { SlimResource } from '@kubestellar/plugin-wecs-common';
import {
  clusterStatus,
  deploymentsBinding,
  kubestellarFleet,
  kubestellarSnapshot,
  slimResource,
} from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { responseError } from '../../__testUtils__/responseError';
import { ManageWorkloadsPage } from './ManageWorkloadsPage';

describe('ManageWorkloadsPage', () => {
  const render = (route?: string, extra: SlimResource[] = []) => {
    const created: Array<{ cluster: string; object: Record<string, any> }> = [];
    const fake = fakeWecsApi(() => kubestellarSnapshot(extra), {
      getObject: async ref => ({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace, uid: ref.uid },
      }),
      streamLogs: () => () => {},
      createObject: async (cluster, object) => {
        created.push({ cluster, object });
        return object;
      },
    });
    return {
      ...fake,
      created,
      rendered: renderPage(<ManageWorkloadsPage />, fake.api, { route }),
    };
  };

  it('shows each managed workload with its health in each target cluster', async () => {
    const { subscriptions, views, rendered } = render();
    await rendered;
    expect(await screen.findByText('cluster1: 2/2 ready')).toBeInTheDocument();
    // One page of workloads, paged by the backend: nothing of the fleet whole.
    expect(subscriptions).toEqual([]);
    expect(views[views.length - 1].filters).toEqual({ roles: ['wds'] });
    expect(views[views.length - 1].views).toContainEqual(
      expect.objectContaining({
        query: { level: 'workloads', cluster: 'wds1' },
        limit: 24,
      }),
    );
    expect(screen.getByText('cluster2: Missing')).toBeInTheDocument();
    expect(screen.getByText('Progressing')).toBeInTheDocument();
    expect(screen.getByText('Deployment in shop')).toBeInTheDocument();
    // The staged ConfigMap is bound by no policy: not a managed workload.
    expect(screen.queryByText('settings')).toBeNull();
  });

  it('pages the workloads on the server, and narrows them by name there', async () => {
    // 29 more Deployments bound by a second policy, to cluster1 only.
    const { web } = kubestellarFleet();
    const names = Array.from({ length: 29 }, (_, i) => `api-${i + 1}`);
    const binding = deploymentsBinding('wds1', 'apis', 'shop', names, [
      'cluster1',
    ]);
    const staged = names.map(
      name => ({ ...web, name, uid: `wds-${name}` } as SlimResource),
    );
    const { views, rendered } = render(undefined, [binding, ...staged]);
    await rendered;
    await screen.findByText('api-1');
    expect(screen.getByText('1-24 of 30')).toBeInTheDocument();
    // Sorted by name as people read them: api-2 before api-10.
    expect(screen.getByText('api-2')).toBeInTheDocument();
    expect(screen.queryByText('web')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('web')).toBeInTheDocument();
    expect(screen.getByText('25-30 of 30')).toBeInTheDocument();
    expect(screen.queryByText('api-1')).toBeNull();
    expect(views[views.length - 1].views).toContainEqual(
      expect.objectContaining({ offset: 24, limit: 24 }),
    );

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search workloads' }),
      'api-2',
    );
    // The search starts again from the first page, and the backend narrows the list.
    await waitFor(() => expect(screen.queryByText('web')).toBeNull());
    expect(await screen.findByText('api-20')).toBeInTheDocument();
    expect(screen.queryByText(/of 30/)).toBeNull();
    expect(views[views.length - 1].views).toContainEqual(
      expect.objectContaining({
        query: { level: 'workloads', cluster: 'wds1', search: 'api-2' },
      }),
    );
  });

  it('shows the workloads of the WDS its Context names', async () => {
    // A second WDS whose Binding sends its own Deployment to cluster2.
    const batch = slimResource('Deployment', 'batch', {
      cluster: 'wds2',
      apiVersion: 'apps/v1',
      namespace: 'jobs',
      uid: 'wds2-batch',
    });
    const binding = deploymentsBinding(
      'wds2',
      'nightly',
      'jobs',
      ['batch'],
      ['cluster2'],
    );
    const fleet = kubestellarSnapshot([batch, binding]);
    const fake = fakeWecsApi(() => ({
      ...fleet,
      clusters: [...fleet.clusters, clusterStatus('wds2', { role: 'wds' })],
    }));
    await renderPage(<ManageWorkloadsPage />, fake.api);
    expect(await screen.findByText('web')).toBeInTheDocument();
    expect(screen.queryByText('batch')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /^Context / }));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['wds1', 'wds2']);
    await userEvent.click(screen.getByRole('option', { name: 'wds2' }));
    expect(await screen.findByText('batch')).toBeInTheDocument();
    expect(screen.queryByText('web')).toBeNull();
    expect(screen.getByText('cluster2: Missing')).toBeInTheDocument();
    expect(fake.views[fake.views.length - 1].views).toContainEqual(
      expect.objectContaining({
        query: { level: 'workloads', cluster: 'wds2' },
      }),
    );
  });

  it('turns a page past the last, from a link, into the last', async () => {
    const { rendered } = render('/?page=5');
    await rendered;
    // One workload in all: the first page is the last.
    expect(await screen.findByText('cluster1: 2/2 ready')).toBeInTheDocument();
  });

  it('switches between grid, list and tree', async () => {
    const { rendered } = render();
    await rendered;
    await screen.findByText('cluster1: 2/2 ready');
    await userEvent.click(screen.getByRole('button', { name: 'List' }));
    expect(
      await screen.findByText('Managed workloads (1)'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Tree' }));
    const tree = await screen.findByRole('tree');
    expect(within(tree).getByText('shop')).toBeInTheDocument();
    expect(within(tree).getByText('cluster2: Missing')).toBeInTheDocument();
  });

  it("opens a cluster copy's logs from the actions menu", async () => {
    const { rendered } = render();
    await rendered;
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions for Deployment web' }),
    );
    expect(screen.getByRole('menuitem', { name: 'Edit' })).toBeInTheDocument();
    expect(
      screen.queryByRole('menuitem', { name: 'Logs in cluster2' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Logs in cluster1' }),
    );
    expect(
      await screen.findByRole('tab', { name: 'Logs', selected: true }),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster1/shop')).toBeInTheDocument();
  });

  it('creates workloads from YAML in the WDS, labelled for policies', async () => {
    // The WDS's default namespace sorts first; the workloads' own namespace is the default.
    const defaultNamespace = slimResource('Namespace', 'default', {
      cluster: 'wds1',
      namespace: undefined,
      uid: 'wds-ns-default',
    });
    const { rendered, created } = render(undefined, [defaultNamespace]);
    await rendered;
    await screen.findByText('cluster1: 2/2 ready');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Workload' }),
    );
    expect(
      await screen.findByText('Create workload in wds1'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0].cluster).toBe('wds1');
    expect(created[0].object.metadata).toMatchObject({
      name: 'hello',
      namespace: 'shop',
      labels: {
        'kubestellar.io/workload': 'hello',
        'app.kubernetes.io/part-of': 'shop',
      },
    });
    await waitFor(() =>
      expect(screen.queryByText('Create workload in wds1')).toBeNull(),
    );
  });
});

describe('CreateWorkloadDialog errors', () => {
  // The text is replaced through CodeMirror's own view, as typing would change it.
  const open = async () => {
    const fake = fakeWecsApi(() => kubestellarSnapshot(), {
      createObject: async (_cluster, object) => {
        if (object.metadata.name === 'taken')
          throw await responseError(
            409,
            'AlreadyExists',
            'deployments.apps "taken" already exists',
          );
        throw await responseError(
          422,
          'Invalid',
          'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1',
        );
      },
    });
    await renderPage(<ManageWorkloadsPage />, fake.api);
    await screen.findByText('cluster1: 2/2 ready');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Workload' }),
    );
    return screen.getByRole('textbox', { name: 'Manifests to create' });
  };

  const replaceText = async (editor: HTMLElement, text: string) => {
    const view = EditorView.findFromDOM(
      editor.closest('.cm-editor') as HTMLElement,
    )!;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
    });
  };

  it('refuses text that is not a manifest, naming what is missing', async () => {
    const editor = await open();
    await replaceText(editor, 'kind: Deployment\nmetadata:\n  name: x\n');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText('The text needs apiVersion'),
    ).toBeInTheDocument();
  });

  it("shows the API server's reason and keeps the text", async () => {
    const editor = await open();
    await replaceText(
      editor,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  replicas: -1\n',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText(
        /Deployment bad: The API server rejected the change: .*Invalid value: -1/,
      ),
    ).toBeInTheDocument();
    expect(editor.textContent).toContain('replicas: -1');
    await replaceText(
      editor,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: taken\n  namespace: shop\n',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText(/Deployment taken already exists/),
    ).toBeInTheDocument();
  });
});
