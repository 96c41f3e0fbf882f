import { KubeConfig } from '@kubernetes/client-node';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ClusterClient } from './ClusterClient';

/** A kubeconfig of two clusters, each with its own user and context. */
function kubeconfig(secondServer = 'https://10.0.0.2:6443') {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      { name: 'one', server: 'https://10.0.0.1:6443', skipTLSVerify: false },
      { name: 'two', server: secondServer, skipTLSVerify: false },
    ],
    users: [
      { name: 'alice', token: 'token-a' },
      { name: 'bob', token: 'token-b' },
    ],
    contexts: [
      { name: 'ctx-one', cluster: 'one', user: 'alice' },
      { name: 'ctx-two', cluster: 'two', user: 'bob' },
    ],
    currentContext: 'ctx-two',
  });
  return config;
}

describe('ClusterClient', () => {
  it("reaches its own context's server with its own user's credentials", async () => {
    const heard: Array<string | undefined> = [];
    const server = createServer((request, response) => {
      heard.push(request.headers.authorization);
      response.setHeader('Content-Type', 'application/json');
      response.end('{"kind":"APIVersions"}');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const config = kubeconfig();
      config.clusters[0] = {
        ...config.clusters[0],
        server: `http://127.0.0.1:${port}`,
        // client-node refuses plain HTTP unless TLS checks are off, as they are moot.
        skipTLSVerify: true,
      };
      const client = new ClusterClient(config, 'ctx-one');
      expect(client.server).toBe(`http://127.0.0.1:${port}`);
      (await client.open('/api')).resume();
      expect(heard).toEqual(['Bearer token-a']);
    } finally {
      server.close();
    }
  });

  it('keeps its fingerprint when only other contexts change, and changes it when its own does', () => {
    const before = new ClusterClient(kubeconfig(), 'ctx-one').fingerprint;
    expect(
      new ClusterClient(kubeconfig('https://10.9.9.9:6443'), 'ctx-one')
        .fingerprint,
    ).toBe(before);
    expect(new ClusterClient(kubeconfig(), 'ctx-two').fingerprint).not.toBe(
      before,
    );
  });

  it('has no server for a context the kubeconfig does not hold', () => {
    expect(new ClusterClient(kubeconfig(), 'ctx-three').server).toBe('');
  });
});
