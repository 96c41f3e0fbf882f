import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { wecsApiRef } from '../../api';
import { fakeWecsApi } from '../../__testUtils__/fakeWecsApi';
import { clustersSnapshot } from '../../__testUtils__/fixtures';
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

const target = {
  cluster: 'cluster1',
  namespace: 'shop',
  kind: 'Deployment',
  name: 'storefront',
  uid: 'uid-1',
};

describe('ResourceDetails', () => {
  const { api } = fakeWecsApi(() => clustersSnapshot([]), {
    getObject: async ref =>
      ref.name === 'storefront' ? deployment : Promise.reject(new Error('no')),
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

  const renderDetails = () =>
    renderInTestApp(
      <TestApiProvider apis={[[wecsApiRef, api]]}>
        <ResourceDetails target={target} />
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

  it('lists the events, warnings marked', async () => {
    await renderDetails();
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(await screen.findByText('quota exceeded')).toBeInTheDocument();
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(screen.getByText('FailedCreate')).toBeInTheDocument();
  });
});
