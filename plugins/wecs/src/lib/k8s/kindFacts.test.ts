import { kindFacts } from './kindFacts';

const factsOf = (object: any) => {
  const sections = kindFacts(object);
  expect(sections.map(s => s.title)).toEqual([object.kind]);
  return sections[0].facts;
};

describe('kindFacts', () => {
  it("states a Service's type, cluster IP, plain selector, ports and load balancer", () => {
    expect(
      factsOf({
        kind: 'Service',
        spec: {
          type: 'LoadBalancer',
          clusterIP: '10.96.4.12',
          clusterIPs: ['10.96.4.12'],
          selector: { app: 'storefront' },
          ports: [
            {
              name: 'http',
              port: 80,
              targetPort: 8080,
              nodePort: 30080,
              protocol: 'TCP',
            },
            { port: 9090, targetPort: 9090 },
          ],
        },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } },
      }),
    ).toEqual({
      type: 'LoadBalancer',
      'cluster IP': '10.96.4.12',
      selector: ['app=storefront'],
      ports: ['http 80/TCP → 8080, node port 30080', '9090/TCP'],
      'load balancer': ['203.0.113.7'],
    });
  });

  it('says when a Service is headless, selects nothing, or waits for its load balancer', () => {
    expect(
      factsOf({
        kind: 'Service',
        spec: { clusterIP: 'None', type: 'LoadBalancer' },
      }),
    ).toMatchObject({
      'cluster IP': 'None (headless)',
      selector: 'none: its endpoints are managed by hand',
      'load balancer': 'not provisioned yet',
    });
  });

  it("lists an Ingress's rules path by path and its TLS hosts", () => {
    expect(
      factsOf({
        kind: 'Ingress',
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
                  {
                    path: '/api',
                    pathType: 'Exact',
                    backend: {
                      service: { name: 'api', port: { name: 'http' } },
                    },
                  },
                ],
              },
            },
          ],
          tls: [
            {
              hosts: ['shop.example.com', 'www.example.com'],
              secretName: 'shop-tls',
            },
          ],
        },
        status: { loadBalancer: { ingress: [{ hostname: 'lb.example.net' }] } },
      }),
    ).toEqual({
      class: 'nginx',
      rules: [
        'shop.example.com/ (Prefix) → storefront:80',
        'shop.example.com/api (Exact) → api:http',
      ],
      'TLS hosts': [
        'shop.example.com, www.example.com (certificate in Secret shop-tls)',
      ],
      addresses: ['lb.example.net'],
    });
    expect(factsOf({ kind: 'Ingress', spec: {} })).toEqual({
      rules: 'none',
      'TLS hosts': 'none: served over plain HTTP',
    });
  });

  it('lists the ready and not ready addresses of Endpoints, with their pods and ports', () => {
    expect(
      factsOf({
        kind: 'Endpoints',
        subsets: [
          {
            addresses: [
              {
                ip: '10.244.1.7',
                targetRef: { kind: 'Pod', name: 'storefront-a' },
              },
            ],
            notReadyAddresses: [{ ip: '10.244.2.9' }],
            ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          },
        ],
      }),
    ).toEqual({
      'ready addresses': ['10.244.1.7 (Pod storefront-a)'],
      'not ready addresses': ['10.244.2.9'],
      ports: ['http 8080/TCP'],
    });
    expect(factsOf({ kind: 'Endpoints' })).toEqual({
      'ready addresses': 'none',
    });
  });

  it("lists an EndpointSlice's endpoints, marking those not ready", () => {
    expect(
      factsOf({
        kind: 'EndpointSlice',
        metadata: { labels: { 'kubernetes.io/service-name': 'storefront' } },
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.244.1.7'],
            conditions: { ready: true },
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', name: 'storefront-a' },
          },
          { addresses: ['10.244.2.9'], conditions: { ready: false } },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      }),
    ).toEqual({
      service: 'storefront',
      'address type': 'IPv4',
      endpoints: [
        '10.244.1.7 (Pod storefront-a) on node-1',
        '10.244.2.9, not ready',
      ],
      ports: ['http 8080/TCP'],
    });
  });

  it("states a claim's size, access modes, storage class and bound volume", () => {
    expect(
      factsOf({
        kind: 'PersistentVolumeClaim',
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'standard',
          resources: { requests: { storage: '5Gi' } },
          volumeName: 'pvc-1234',
          volumeMode: 'Filesystem',
        },
        status: {
          phase: 'Bound',
          capacity: { storage: '5Gi' },
          accessModes: ['ReadWriteOnce'],
        },
      }),
    ).toEqual({
      'requested size': '5Gi',
      capacity: '5Gi',
      'access modes': 'ReadWriteOnce',
      'storage class': 'standard',
      volume: 'pvc-1234',
      'volume mode': 'Filesystem',
    });
    expect(factsOf({ kind: 'PersistentVolumeClaim', spec: {} })).toMatchObject({
      'storage class': 'the cluster default',
      volume: 'not bound yet',
    });
  });

  it("states a volume's capacity, class, reclaim policy and claim", () => {
    expect(
      factsOf({
        kind: 'PersistentVolume',
        spec: {
          capacity: { storage: '5Gi' },
          accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
          storageClassName: 'standard',
          persistentVolumeReclaimPolicy: 'Delete',
          claimRef: { namespace: 'shop', name: 'payments-ledger' },
        },
      }),
    ).toEqual({
      capacity: '5Gi',
      'access modes': 'ReadWriteOnce, ReadOnlyMany',
      'storage class': 'standard',
      'reclaim policy': 'Delete',
      claim: 'shop/payments-ledger',
    });
  });

  it('lists the keys of a ConfigMap and of a Secret, never a value', () => {
    expect(
      factsOf({
        kind: 'ConfigMap',
        data: { 'storefront.yaml': 'currency: EUR', LOG_FORMAT: 'json' },
        binaryData: { 'logo.png': 'iVBORw0=' },
      }),
    ).toEqual({
      'data keys': ['LOG_FORMAT', 'storefront.yaml'],
      'binary data keys': ['logo.png'],
    });
    const secret = {
      kind: 'Secret',
      type: 'kubernetes.io/basic-auth',
      data: { username: 'cGF5bWVudHM=', password: 'czNjcjN0' },
      immutable: true,
    };
    const facts = factsOf(secret);
    expect(facts).toEqual({
      type: 'kubernetes.io/basic-auth',
      'data keys': ['password', 'username'],
      immutable: 'yes',
    });
    expect(JSON.stringify(facts)).not.toContain('czNjcjN0');
  });

  it('has no section for kinds without facts of their own', () => {
    expect(kindFacts({ kind: 'Deployment', spec: {} })).toEqual([]);
  });
});
