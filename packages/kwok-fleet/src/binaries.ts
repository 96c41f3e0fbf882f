import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The control-plane binaries tools/k8s/build.sh builds, and kwok's stage and CRD manifests. */
export interface ControlPlaneBinaries {
  dir: string;
  etcd: string;
  kubeApiServer: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kwok: string;
  /** kwok's own stages of its release: node/ and pod/ folders of Stage manifests. */
  kwokStages: string;
  /** kwok's CRDs of its release (Logs among them). */
  kwokCrds: string;
}

/** The environment variable `./wecs` sets to the folder tools/k8s/build.sh printed. */
export const BINARIES_ENV = 'WECS_KUBE_BIN_DIR';

export function controlPlaneBinaries(
  dir = process.env[BINARIES_ENV],
): ControlPlaneBinaries {
  if (!dir) {
    throw new Error(
      `${BINARIES_ENV} is not set: build the control plane with tools/k8s/build.sh (./wecs does) and point ${BINARIES_ENV} at the folder it prints`,
    );
  }
  const binaries: ControlPlaneBinaries = {
    dir,
    etcd: join(dir, 'etcd'),
    kubeApiServer: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
    kubeScheduler: join(dir, 'kube-scheduler'),
    kwok: join(dir, 'kwok'),
    kwokStages: join(dir, 'kwok-stages'),
    kwokCrds: join(dir, 'kwok-crds'),
  };
  const missing = Object.entries(binaries)
    .filter(([key, path]) => key !== 'dir' && !existsSync(path))
    .map(([, path]) => path);
  if (missing.length) {
    throw new Error(
      `${dir} lacks ${missing.join(', ')}: run tools/k8s/build.sh again`,
    );
  }
  return binaries;
}
