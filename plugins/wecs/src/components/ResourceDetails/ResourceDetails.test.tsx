import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EditorView } from '@codemirror/view';
import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot, slimResource } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { DetailsTab } from '../../lib/detailsTabs';
import { ResourceDetails } from './ResourceDetails';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'storefront',
    namespace: 'shop',
    uid: 'uid-1',
    resourceVersion: '42',
    creationTimestamp: '2026-11-26T10:00:00Z',
    labels: { app: 'storefront' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'storefront' } },
    template: {
      spec: {
        initContainers: [{ name: 'migrate', image: 'migrate:1' }],
        containers: [
          {
            name: 'web',
            image: 'storefront:1.4.2',
            ports: [{ containerPort: 8080, name: 'http' }],
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
            resources: {
              requests: { cpu: '100m' },
              limits: { memory: '256Mi' },
            },
          },
        ],
      },
    },
  },
  status: {
    readyReplicas: 2,
    availableReplicas: 2,
    conditions: [
      {
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      },
    ],
  },
};

const resource = slimResource('Deployment', 'storefront', {
  apiVersion: 'apps/v1',
  uid: 'uid-1',
  resourceVersion: '42',
  status: { phase: 'pending', reason: '2/3 ready' },
});

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'storefront', namespace: 'shop', uid: 'uid-2' },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.42',
    selector: { app: 'storefront' },
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
  },
};

/** The details panel with its tab kept in state, as the page keeps it in the URL. */
const Details = ({ initialTab }: { initialTab: DetailsTab }) => {
  const [tab, setTab] = useState(initialTab);
  return <ResourceDetails resource={resource} tab={tab} onTabChange={setTab} />;
};

/** The CodeMirror view inside the Edit tab, to type into as a user would. */
const editorView = () =>
  EditorView.findFromDOM(
    screen
      .getByRole('textbox', { name: /as YAML|as JSON/ })
      .closest('.cm-editor') as HTMLElement,
  )!;

const replaceLine = (from: string, to: string) => {
  const view = editorView();
  const text = view.state.doc.toString();
  const at = text.indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  view.dispatch({ changes: { from: at, to: at + from.length, insert: to } });
};

describe('ResourceDetails', () => {
  const saved: Array<Record<string, any>> = [];
  let saveAnswer: () => Promise<Record<string, any>>;
  beforeEach(() => {
    saved.length = 0;
    saveAnswer = async () => ({
      ...saved[0],
      metadata: { ...saved[0].metadata, resourceVersion: '43' },
    });
  });
  const { api } = fakeWecsApi(() => clustersSnapshot([]), {
    replaceObject: async (_ref, object) => {
      saved.push(object);
      return saveAnswer();
    },
    getObject: async ref => {
      if (ref.name !== 'storefront') throw new Error('no');
      return ref.kind === 'Service' ? service : deployment;
    },
    getEvents: async () => ({
      items: [
        {
          type: 'Warning',
          reason: 'FailedCreate',
          message: 'quota exceeded',
          count: 3,
          lastTimestamp: '2026-11-26T10:05:00Z',
          involvedObject: { kind: 'Deployment', name: 'storefront' },
        },
      ],
    }),
  });

  const renderDetails = (initialTab: DetailsTab = 'summary') =>
    renderInTestApp(
      <TestApiProvider apis={[[wecsApiRef, api]]}>
        <Details initialTab={initialTab} />
      </TestApiProvider>,
    );

  it('summarizes the object: identity, replicas, conditions, containers, labels', async () => {
    await renderDetails();
    expect(
      await screen.findByText('2 ready, 2 available of 3 desired'),
    ).toBeInTheDocument();
    expect(screen.getByText('uid-1')).toBeInTheDocument();
    expect(screen.getByText('MinimumReplicasUnavailable')).toBeInTheDocument();
    expect(screen.getByText('storefront:1.4.2')).toBeInTheDocument();
    expect(screen.getByText('Init container migrate')).toBeInTheDocument();
    expect(screen.getByText('LOG_LEVEL=info')).toBeInTheDocument();
    // The selector and the label chip.
    expect(screen.getAllByText('app=storefront')).toHaveLength(2);
  });

  it('states the overall status its tree row shows, with the reason', async () => {
    await renderDetails();
    expect(await screen.findByTestId('overall-status')).toHaveTextContent(
      'Not Ready · 2/3 ready',
    );
  });

  it("states a Service's type, cluster IP, selector and ports", async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[wecsApiRef, api]]}>
        <ResourceDetails
          resource={slimResource('Service', 'storefront', { uid: 'uid-2' })}
          tab="summary"
          onTabChange={() => {}}
        />
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('overall-status')).toHaveTextContent(
      /^Ready$/,
    );
    expect(screen.getByText('ClusterIP')).toBeInTheDocument();
    expect(screen.getByText('10.96.0.42')).toBeInTheDocument();
    expect(screen.getByText('app=storefront')).toBeInTheDocument();
    expect(screen.getByText('http 80/TCP → 8080')).toBeInTheDocument();
  });

  it('lists the events, warnings marked', async () => {
    await renderDetails();
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(await screen.findByText('quota exceeded')).toBeInTheDocument();
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(screen.getByText('FailedCreate')).toBeInTheDocument();
  });

  it('offers Logs for workloads', async () => {
    await renderDetails();
    expect(screen.getByRole('tab', { name: 'Logs' })).toBeInTheDocument();
  });

  it('edits the object as YAML: shows the diff, saves it, and says so', async () => {
    await renderDetails('edit');
    await screen.findByRole('textbox', {
      name: 'Deployment storefront as YAML',
    });
    expect(editorView().state.doc.toString()).toContain('replicas: 3');
    const review = screen.getByRole('button', { name: 'Update' });
    expect(review).toBeDisabled();
    replaceLine('replicas: 3', 'replicas: 5');
    await userEvent.click(review);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Update Deployment storefront?');
    expect(
      within(dialog).getByRole('textbox', { name: 'Changes to save' }),
    ).toHaveTextContent('replicas: 5');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Update' }),
    );
    expect(
      await screen.findByText(
        /Updated\. Deployment storefront is now at resourceVersion 43/,
      ),
    ).toBeInTheDocument();
    expect(saved).toHaveLength(1);
    expect(saved[0].spec.replicas).toBe(5);
    expect(saved[0].metadata.resourceVersion).toBe('42');
  });

  it('keeps the text and explains a conflict', async () => {
    saveAnswer = async () => {
      throw await responseError(
        409,
        'ConflictError',
        'cluster1: the object has been modified; please apply your changes to the latest version and try again',
      );
    };
    await renderDetails('edit');
    await screen.findByRole('textbox', { name: /as YAML/ });
    replaceLine('replicas: 3', 'replicas: 7');
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Update',
      }),
    );
    expect(
      await screen.findByText(/Conflict: the object changed in the cluster/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(editorView().state.doc.toString()).toContain('replicas: 7');
  });

  it('refuses text that does not parse, or renames the object, before asking the cluster', async () => {
    await renderDetails('edit');
    await screen.findByRole('textbox', { name: /as YAML/ });
    replaceLine('replicas: 3', 'replicas: [3');
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(
      await screen.findByText(/^Invalid YAML at line \d+/),
    ).toBeInTheDocument();
    replaceLine('replicas: [3', 'replicas: 3');
    replaceLine('name: storefront', 'name: storefront-2');
    await userEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(
      await screen.findByText(/metadata.name must stay storefront/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });

  it('switches the text to JSON, edits included', async () => {
    await renderDetails('edit');
    await screen.findByRole('textbox', { name: /as YAML/ });
    replaceLine('replicas: 3', 'replicas: 4');
    await userEvent.click(screen.getByRole('button', { name: 'JSON' }));
    await screen.findByRole('textbox', { name: /as JSON/ });
    expect(editorView().state.doc.toString()).toContain('"replicas": 4');
  });
});
