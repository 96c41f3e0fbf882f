/* eslint-disable no-console -- a command-line program reports on the console */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startControlServer } from './control';
import { Fleet } from './fleet/Fleet';

const usage = `Usage: fleet-sim --kubeconfig FILE [options]

  --kubeconfig FILE     where to write the kubeconfig (contexts kind-kubeflex, its1, wds1, cluster1..N,
                        and cluster<N+1>, which has asked to join and waits for the hub to accept it)
  --clusters N          number of joined WECs (default 3)
  --control-port P      serve the fault-injection API on 127.0.0.1:P (POST /clusters adds a WEC)
  --cluster-proxy-port P
                        serve OCM cluster-proxy's service proxy on 127.0.0.1:P:
                        https://127.0.0.1:P/<cluster>/<API path> reaches a joined WEC
  --hub-only            the kubeconfig holds kind-kubeflex, its1 and wds1 only: WECs are reached
                        through the cluster-proxy alone
  --no-dynamics         no controllers, pod lifecycles, logs or flips: a static fleet
  --scale-objects N     benchmark mode: N objects in each WEC
  --scale-changes R     benchmark mode: R changes per second across the fleet
`;

async function main() {
  const { values } = parseArgs({
    options: {
      kubeconfig: { type: 'string' },
      clusters: { type: 'string', default: '3' },
      'control-port': { type: 'string' },
      'cluster-proxy-port': { type: 'string' },
      'hub-only': { type: 'boolean', default: false },
      'no-dynamics': { type: 'boolean', default: false },
      'scale-objects': { type: 'string' },
      'scale-changes': { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.kubeconfig) {
    console.error(`fleet-sim: --kubeconfig is required\n\n${usage}`);
    process.exit(2);
  }
  const clusters = Number(values.clusters);
  if (!Number.isInteger(clusters) || clusters < 1 || clusters > 200) {
    console.error(
      `fleet-sim: --clusters must be a whole number from 1 to 200, got "${values.clusters}"`,
    );
    process.exit(2);
  }
  const scaleObjects = values['scale-objects']
    ? Number(values['scale-objects'])
    : undefined;
  if (
    scaleObjects !== undefined &&
    (!Number.isInteger(scaleObjects) || scaleObjects < 1)
  ) {
    console.error(`fleet-sim: --scale-objects must be a positive whole number`);
    process.exit(2);
  }
  const proxyPort = values['cluster-proxy-port'];
  if (
    proxyPort !== undefined &&
    !(Number.isInteger(Number(proxyPort)) && Number(proxyPort) > 0)
  ) {
    console.error(
      `fleet-sim: --cluster-proxy-port must be a port number, got "${proxyPort}"`,
    );
    process.exit(2);
  }
  const started = Date.now();
  const fleet = await Fleet.start({
    clusters,
    dynamics: !values['no-dynamics'],
    hubOnly: values['hub-only'],
    scale: scaleObjects
      ? {
          objectsPerCluster: scaleObjects,
          changesPerSecond: Number(values['scale-changes']),
        }
      : undefined,
  });
  const kubeconfigPath = resolve(values.kubeconfig);
  fleet.writeKubeconfig(kubeconfigPath);
  console.log(
    `fleet-sim: ${fleet.contextNames.length} API servers up in ${
      Date.now() - started
    } ms`,
  );
  for (const name of fleet.contextNames) {
    console.log(`  ${name.padEnd(14)} ${fleet.member(name).server.url}`);
  }
  console.log(
    `fleet-sim: kubeconfig written to ${kubeconfigPath}${
      values['hub-only'] ? ' (kind-kubeflex, its1 and wds1 only)' : ''
    }`,
  );
  console.log(
    `fleet-sim: restricted token (refused in namespace "restricted", read-only): ${fleet.users.restricted.token}`,
  );
  if (values['control-port']) {
    const control = await startControlServer(
      fleet,
      Number(values['control-port']),
    );
    const address = control.address() as { port: number };
    console.log(
      `fleet-sim: fault-injection API on http://127.0.0.1:${address.port}`,
    );
  }
  if (proxyPort !== undefined) {
    const { url } = await fleet.startClusterProxy(Number(proxyPort));
    console.log(
      `fleet-sim: cluster-proxy on ${url} (${url}/<cluster>/<API path>; hub tokens are impersonated)`,
    );
  }
  const stop = async () => {
    await fleet.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`fleet-sim: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
