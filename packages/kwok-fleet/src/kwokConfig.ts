import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

type Stage = {
  metadata: { name: string };
  spec: {
    resourceRef: { apiGroup: string; kind: string };
    selector?: { matchExpressions?: Array<Record<string, unknown>> };
    [key: string]: unknown;
  };
};

/**
 * Images the simulator treats as broken; kwok gets the same failures from the stages below.
 * (A jq expression: it yields the names of containers running such an image.)
 */
const BROKEN_IMAGE = (pattern: string) =>
  `.spec.containers.[] | select(.image | test("${pattern}")) | .name`;
const CRASHING = BROKEN_IMAGE('crashloop');
const UNPULLABLE = BROKEN_IMAGE('does-not-exist|^registry[.]invalid/');

/** What a failing container looks like once the kubelet has given up on it for now. */
interface ContainerFailure {
  stageName: string;
  /** Pods with a container whose image matches (a BROKEN_IMAGE expression). */
  images: string;
  waitingReason: string;
  waitingMessage: string;
  event: { reason: string; message: string };
  phase: 'Pending' | 'Running';
  restartCount: number;
  /** YAML of the last run's state, indented for a container status entry. */
  lastState?: string;
}

/**
 * A stage that puts a matching pod's containers in `waitingReason`, once; kwok's own pod stages
 * are kept off those pods (see kwokConfiguration).
 */
function containerFailureStage(failure: ContainerFailure): Stage {
  return {
    metadata: { name: failure.stageName },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
          { key: failure.images, operator: 'Exists' },
          {
            key: '.status.containerStatuses.[].state.waiting.reason',
            operator: 'NotIn',
            values: [failure.waitingReason],
          },
        ],
      },
      delay: { durationMilliseconds: 1000, jitterDurationMilliseconds: 2000 },
      next: {
        event: { type: 'Warning', ...failure.event },
        statusTemplate: `{{ $now := Now }}
conditions:
- type: Initialized
  status: "True"
  lastTransitionTime: {{ $now | Quote }}
- type: Ready
  status: "False"
  reason: ContainersNotReady
  lastTransitionTime: {{ $now | Quote }}
- type: ContainersReady
  status: "False"
  reason: ContainersNotReady
  lastTransitionTime: {{ $now | Quote }}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  ready: false
  started: false
  restartCount: ${failure.restartCount}
  state:
    waiting:
      reason: ${failure.waitingReason}
      message: ${failure.waitingMessage}
${failure.lastState ?? ''}
{{ end }}
{{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
{{ with $podIPs }}
podIP: {{ index . 0 | Quote }}
podIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
phase: ${failure.phase}
startTime: {{ $now | Quote }}
`,
      },
    },
  };
}

/** A container that starts, exits 1 and is restarted with back-off, forever. */
const crashLoopStage = containerFailureStage({
  stageName: 'wecs-container-crash-loop',
  images: CRASHING,
  waitingReason: 'CrashLoopBackOff',
  waitingMessage: 'back-off 2m40s restarting failed container={{ .name }}',
  event: {
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
  },
  phase: 'Running',
  restartCount: 5,
  lastState: `  lastState:
    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}`,
});

/** An image the node can never pull: the pod stays Pending in ImagePullBackOff. */
const imagePullStage = containerFailureStage({
  stageName: 'wecs-image-pull-back-off',
  images: UNPULLABLE,
  waitingReason: 'ImagePullBackOff',
  waitingMessage: 'Back-off pulling image {{ .image | Quote }}',
  event: { reason: 'Failed', message: 'Failed to pull image: not found' },
  phase: 'Pending',
  restartCount: 0,
});

function readStages(dir: string): Stage[] {
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(
        doc => doc.toJS() as Stage,
      ),
    )
    .filter(stage => stage?.spec?.resourceRef);
}

/**
 * kwok's configuration: the release's own stages (nodes become Ready and keep a lease; pods go
 * through kwok's "general" lifecycle with init containers and events) plus the two failures the
 * demo workloads need. kwok's pod stages leave the failing pods to those.
 */
export function kwokConfiguration(stagesDir: string): string {
  const podStages = readStages(join(stagesDir, 'pod')).map(stage => {
    if (stage.metadata.name === 'pod-delete') return stage;
    const expressions = stage.spec.selector?.matchExpressions ?? [];
    return {
      ...stage,
      spec: {
        ...stage.spec,
        selector: {
          ...stage.spec.selector,
          matchExpressions: [
            ...expressions,
            { key: CRASHING, operator: 'DoesNotExist' },
            { key: UNPULLABLE, operator: 'DoesNotExist' },
          ],
        },
      },
    };
  });
  const stages = [
    ...readStages(join(stagesDir, 'node')),
    ...podStages,
    crashLoopStage,
    imagePullStage,
  ];
  return stages
    .map(stage =>
      stringify({
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'Stage',
        ...stage,
      }),
    )
    .join('---\n');
}
