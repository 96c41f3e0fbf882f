/* eslint-disable no-console -- a command-line program reports on the console */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KwokFleet } from './KwokFleet';

const usage = `Usage: kwok-fleet --kubeconfig FILE [--clusters N] [--its] [--keep]

  --kubeconfig FILE   where to write the admin kubeconfig (contexts cluster1..N)
  --clusters N        number of clusters (default 2)
  --its               also an ITS, context its1, with a ManagedCluster per cluster
  --keep              keep the working folder (etcd data, component logs) on exit
`;

async function main() {
  const { values } = parseArgs({
    options: {
      kubeconfig: { type: 'string' },
      clusters: { type: 'string', default: '2' },
      its: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.kubeconfig) {
    console.error(`kwok-fleet: --kubeconfig is required\n\n${usage}`);
    process.exit(2);
  }
  const clusters = Number(values.clusters);
  if (!Number.isInteger(clusters) || clusters < 1 || clusters > 5) {
    console.error(
      `kwok-fleet: --clusters must be a whole number from 1 to 5, got "${values.clusters}"`,
    );
    process.exit(2);
  }
  const started = Date.now();
  const fleet = await KwokFleet.start({
    clusters,
    its: values.its,
    keepDir: values.keep,
  });
  const path = resolve(values.kubeconfig);
  fleet.writeKubeconfig(path);
  fleet.writeKubeconfig(`${path}.restricted`, fleet.users.restricted);
  console.log(
    `kwok-fleet: ${fleet.contextNames.length} control planes ready in ${(
      (Date.now() - started) /
      1000
    ).toFixed(
      1,
    )} s; kubeconfig ${path} (restricted user: ${path}.restricted); working folder ${
      fleet.dir
    }`,
  );
  const shutdown = async () => {
    await fleet.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  console.error(
    `kwok-fleet: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
