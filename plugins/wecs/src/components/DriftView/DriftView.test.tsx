import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ObjectRef, wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot, clusterStatus } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { DriftView } from './DriftView';

const deployment = (replicas: number, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'hello', namespace: 'shop', resourceVersion: '5' },
  spec: {
    replicas,
    template: { spec: { containers: [{ name: 'web', image }] } },
  },
});

const target: ObjectRef = {
  cluster: 'cluster1',
  namespace: 'shop',
  kind: 'Deployment',
  name: 'hello',
  uid: 'wec-uid',
  apiVersion: 'apps/v1',
};

describe('DriftView', () => {
  /** A fleet of two WDSes, of which only wds2 holds hello, as `wdsCopy`. */
  const render = (
    delivered: Record<string, any>,
    wdsCopy: Record<string, any> | undefined,
  ) => {
    const reads: ObjectRef[] = [];
    const { api } = fakeWecsApi(() => clustersSnapshot([]), {
      getClusters: async () => ({
        items: [
          clusterStatus('wds1', { role: 'wds' }),
          clusterStatus('cluster1'),
          clusterStatus('wds2', { role: 'wds' }),
        ],
        errors: [],
      }),
      getObject: async ref => {
        reads.push(ref);
        if (ref.cluster !== 'wds2' || !wdsCopy)
          throw await responseError(404, 'NotFoundError', 'not found');
        return wdsCopy;
      },
    });
    return {
      reads,
      rendered: renderInTestApp(
        <TestApiProvider apis={[[wecsApiRef, api]]}>
          <DriftView target={target} object={delivered} />
        </TestApiProvider>,
      ),
    };
  };

  it('finds the WDS copy and says the delivered copy is in step with it', async () => {
    const { reads, rendered } = render(
      deployment(2, 'nginx:1.27'),
      deployment(2, 'nginx:1.27'),
    );
    await rendered;
    expect(
      await screen.findByText(
        /In step with wds2: every field wds2 sets for Deployment shop\/hello has the same value here/,
      ),
    ).toBeInTheDocument();
    expect(reads.map(r => [r.cluster, r.kind, r.name, r.uid])).toEqual([
      ['wds1', 'Deployment', 'hello', undefined],
      ['wds2', 'Deployment', 'hello', undefined],
    ]);
  });

  it('lists the fields that differ, and opens the WDS copy to change it there', async () => {
    const { rendered } = render(
      deployment(5, 'nginx:1.28'),
      deployment(2, 'nginx:1.27'),
    );
    await rendered;
    expect(
      await screen.findByText(/2 fields here differ from wds2/),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').map(row => row.textContent);
    expect(rows).toContain('spec.replicas25');
    expect(rows).toContain(
      'spec.template.spec.containers[0].imagenginx:1.27nginx:1.28',
    );
    expect(
      screen.getByRole('columnheader', { name: 'In wds2' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Edit in wds2' }));
    expect(
      await screen.findByRole('textbox', { name: 'Deployment hello as YAML' }),
    ).toBeInTheDocument();
  });

  it('does not call hidden Secret values equal', async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'hello', namespace: 'shop', resourceVersion: '5' },
      data: { password: '<redacted>' },
    };
    const { rendered } = render(secret, secret);
    await rendered;
    expect(
      await screen.findByText(
        /every field wds2 sets for Deployment shop\/hello that you may see has the same value here/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Secret values are hidden from you \(they need wecs.secrets.read\), so whether they differ between wds2 and here is not shown/,
      ),
    ).toBeInTheDocument();
  });

  it('says so when no WDS holds the object any more', async () => {
    const { rendered } = render(deployment(2, 'nginx:1.27'), undefined);
    await rendered;
    await waitFor(() =>
      expect(
        screen.getByText(/No WDS holds Deployment shop\/hello now/),
      ).toBeInTheDocument(),
    );
  });
});
