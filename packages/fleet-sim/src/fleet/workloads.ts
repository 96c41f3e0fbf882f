import { KubeObject } from '../api/types';

/** The namespace of the workloads that binding policies deliver. */
export const SHOP_NAMESPACE = 'shop';
/** A namespace the restricted token has no access to. */
export const RESTRICTED_NAMESPACE = 'restricted';

const partOfShop = { 'app.kubernetes.io/part-of': 'shop' };

/** A Deployment as `kubectl create deployment` and the defaults of a real one shape it. */
export function deployment(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  podSpec: Record<string, unknown>,
  replicas = 2,
): KubeObject {
  const selectorLabels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { ...labels, app: name } },
    spec: {
      replicas,
      selector: { matchLabels: selectorLabels },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { ...labels, ...selectorLabels } },
        spec: podSpec,
      },
    },
  };
}

/** A container serving HTTP on `port`, with the env and resources the demo apps declare. */
export const web = (
  image: string,
  port = 8080,
  extra: Record<string, unknown> = {},
) => ({
  name: 'web',
  image,
  ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
  env: [
    { name: 'LOG_LEVEL', value: 'info' },
    {
      name: 'POD_NAME',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    },
  ],
  resources: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  },
  ...extra,
});

/**
 * The shop: what the WDS stages and binding policies deliver to every WEC. Each object is
 * what a user would `kubectl apply` to the WDS.
 */
export function shopWorkloads(): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: SHOP_NAMESPACE, labels: { ...partOfShop } },
    },
    deployment(
      'storefront',
      SHOP_NAMESPACE,
      {
        ...partOfShop,
        'backstage.io/kubernetes-id': 'storefront',
        'app.kubernetes.io/name': 'storefront',
      },
      {
        initContainers: [
          {
            name: 'migrate',
            image: 'ghcr.io/kubestellar/demo/storefront-migrate:1.4.2',
            command: ['/migrate', '--apply'],
          },
        ],
        containers: [
          web('ghcr.io/kubestellar/demo/storefront:1.4.2', 8080, {
            volumeMounts: [
              { name: 'config', mountPath: '/etc/storefront', readOnly: true },
            ],
          }),
          {
            name: 'log-shipper-sidecar',
            image: 'fluent/fluent-bit:3.1.9',
            resources: { requests: { cpu: '20m', memory: '32Mi' } },
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'storefront-config' } }],
      },
      3,
    ),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'storefront',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop, 'backstage.io/kubernetes-id': 'storefront' },
      },
      spec: {
        selector: { app: 'storefront' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
        type: 'ClusterIP',
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'storefront',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop, 'backstage.io/kubernetes-id': 'storefront' },
      },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: 'storefront', port: { number: 80 } },
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'storefront-config',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop },
      },
      data: {
        'storefront.yaml':
          'currency: EUR\nfeatureFlags:\n  newCheckout: true\n',
        LOG_FORMAT: 'json',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'payments-credentials',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop },
      },
      type: 'Opaque',
      data: {
        username: Buffer.from('payments').toString('base64'),
        password: Buffer.from('s3cr3t-demo-password').toString('base64'),
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        name: 'payments',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop, 'app.kubernetes.io/name': 'payments' },
      },
      spec: {
        replicas: 2,
        serviceName: 'payments',
        selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
        template: {
          metadata: {
            labels: { ...partOfShop, 'app.kubernetes.io/name': 'payments' },
          },
          spec: {
            containers: [
              web('ghcr.io/kubestellar/demo/payments:2.0.1', 9090, {
                envFrom: [{ secretRef: { name: 'payments-credentials' } }],
                volumeMounts: [
                  { name: 'ledger', mountPath: '/var/lib/ledger' },
                ],
              }),
            ],
            volumes: [
              {
                name: 'ledger',
                persistentVolumeClaim: { claimName: 'payments-ledger' },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'payments',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop, 'app.kubernetes.io/name': 'payments' },
      },
      spec: {
        clusterIP: 'None',
        selector: { 'app.kubernetes.io/name': 'payments' },
        ports: [{ name: 'grpc', port: 9090, protocol: 'TCP' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'payments-ledger',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop, 'app.kubernetes.io/name': 'payments' },
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'standard',
        resources: { requests: { storage: '5Gi' } },
        volumeMode: 'Filesystem',
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: {
        name: 'inventory-sync',
        namespace: SHOP_NAMESPACE,
        labels: {
          ...partOfShop,
          'backstage.io/kubernetes-id': 'inventory-sync',
        },
      },
      spec: {
        schedule: '*/2 * * * *',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          metadata: {
            labels: {
              ...partOfShop,
              'backstage.io/kubernetes-id': 'inventory-sync',
            },
          },
          spec: {
            backoffLimit: 2,
            template: {
              metadata: {
                labels: {
                  ...partOfShop,
                  'backstage.io/kubernetes-id': 'inventory-sync',
                  app: 'inventory-sync',
                },
              },
              spec: {
                restartPolicy: 'OnFailure',
                containers: [
                  {
                    name: 'sync',
                    image: 'ghcr.io/kubestellar/demo/inventory-sync:0.9.0',
                    args: ['--full'],
                  },
                ],
              },
            },
          },
        },
      },
    },
    {
      apiVersion: 'shop.example.com/v1',
      kind: 'Database',
      metadata: {
        name: 'orders-db',
        namespace: SHOP_NAMESPACE,
        labels: { ...partOfShop },
      },
      spec: { engine: 'postgres', version: '16', storage: '20Gi', replicas: 1 },
    },
  ];
}

/** Staged in the WDS but selected by no binding policy yet. */
export function stagedOnlyWorkloads(): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'analytics',
        labels: { 'app.kubernetes.io/part-of': 'analytics' },
      },
    },
    deployment(
      'clickstream',
      'analytics',
      { 'app.kubernetes.io/part-of': 'analytics' },
      { containers: [web('ghcr.io/kubestellar/demo/clickstream:0.3.0')] },
      1,
    ),
  ];
}

/** Delivered to cluster2 only, by the canary policy: its image crash-loops. */
export function canaryWorkloads(): KubeObject[] {
  return [
    deployment(
      'recommendations',
      SHOP_NAMESPACE,
      {
        ...partOfShop,
        'backstage.io/kubernetes-id': 'recommendations',
        track: 'canary',
      },
      {
        containers: [
          web('ghcr.io/kubestellar/demo/recommendations:3.0.0-crashloop'),
        ],
      },
      1,
    ),
  ];
}

/** What each WEC runs of its own, beside what KubeStellar delivers. */
export function localWorkloads(clusterIndex: number): KubeObject[] {
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: RESTRICTED_NAMESPACE },
    },
    deployment(
      'coredns',
      'kube-system',
      { 'k8s-app': 'kube-dns' },
      { containers: [web('registry.k8s.io/coredns/coredns:v1.11.3', 53)] },
      2,
    ),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'node-exporter',
        namespace: 'monitoring',
        labels: { app: 'node-exporter' },
      },
      spec: {
        selector: { matchLabels: { app: 'node-exporter' } },
        template: {
          metadata: { labels: { app: 'node-exporter' } },
          spec: {
            containers: [
              {
                name: 'node-exporter',
                image: 'quay.io/prometheus/node-exporter:v1.8.2',
                ports: [{ containerPort: 9100, name: 'metrics' }],
              },
            ],
          },
        },
      },
    },
    deployment(
      'vault-agent',
      RESTRICTED_NAMESPACE,
      { app: 'vault-agent' },
      { containers: [web('hashicorp/vault:1.17.2', 8200)] },
      1,
    ),
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    },
  ];
  if (clusterIndex === 1) {
    objects.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'batch' } },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: 'quarterly-report',
          namespace: 'batch',
          labels: { app: 'quarterly-report' },
        },
        spec: {
          completions: 2,
          parallelism: 1,
          backoffLimit: 3,
          template: {
            metadata: { labels: { app: 'quarterly-report' } },
            spec: {
              restartPolicy: 'Never',
              containers: [
                {
                  name: 'report',
                  image: 'ghcr.io/kubestellar/demo/report:1.0.0',
                },
              ],
            },
          },
        },
      },
    );
  }
  if (clusterIndex === 2) {
    objects.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'staging' } },
      deployment(
        'image-pull-check',
        'staging',
        { app: 'image-pull-check' },
        {
          containers: [web('registry.invalid/staging/checker:does-not-exist')],
        },
        1,
      ),
    );
  }
  if (clusterIndex === 3) {
    objects.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml' } },
      deployment(
        'gpu-trainer',
        'ml',
        { app: 'gpu-trainer' },
        {
          nodeSelector: { 'nvidia.com/gpu.present': 'true' },
          containers: [web('ghcr.io/kubestellar/demo/trainer:0.1.0')],
        },
        1,
      ),
    );
  }
  return objects;
}
