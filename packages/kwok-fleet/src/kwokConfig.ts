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

const notDeleted = {
  key: '.metadata.deletionTimestamp',
  operator: 'DoesNotExist',
};

const podIps = `{{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
{{ with $podIPs }}
podIP: {{ index . 0 | Quote }}
podIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
hostIP: {{ NodeIPWith .spec.nodeName | Quote }}`;

/** A container that starts, exits 1 and is restarted with back-off, forever. */
const crashLoopStage: Stage = {
  metadata: { name: 'wecs-container-crash-loop' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: {
      matchExpressions: [
        notDeleted,
        { key: CRASHING, operator: 'Exists' },
        {
          key: '.status.containerStatuses.[].state.waiting.reason',
          operator: 'NotIn',
          values: ['CrashLoopBackOff'],
        },
      ],
    },
    delay: { durationMilliseconds: 1000, jitterDurationMilliseconds: 2000 },
    next: {
      event: {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
      },
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
  restartCount: 5
  state:
    waiting:
      reason: CrashLoopBackOff
      message: back-off 2m40s restarting failed container={{ .name }}
  lastState:
    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
{{ end }}
${podIps}
phase: Running
startTime: {{ $now | Quote }}
`,
    },
  },
};

/** An image the node can never pull: the pod stays Pending in ErrImagePull / ImagePullBackOff. */
const imagePullStage: Stage = {
  metadata: { name: 'wecs-image-pull-back-off' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: {
      matchExpressions: [
        notDeleted,
        { key: UNPULLABLE, operator: 'Exists' },
        {
          key: '.status.containerStatuses.[].state.waiting.reason',
          operator: 'NotIn',
          values: ['ImagePullBackOff'],
        },
      ],
    },
    delay: { durationMilliseconds: 1000, jitterDurationMilliseconds: 2000 },
    next: {
      event: {
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image: not found',
      },
      statusTemplate: `{{ $now := Now }}
conditions:
- type: Initialized
  status: "True"
  lastTransitionTime: {{ $now | Quote }}
- type: Ready
  status: "False"
  reason: ContainersNotReady
  lastTransitionTime: {{ $now | Quote }}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  ready: false
  started: false
  restartCount: 0
  state:
    waiting:
      reason: ImagePullBackOff
      message: Back-off pulling image {{ .image | Quote }}
{{ end }}
${podIps}
phase: Pending
startTime: {{ $now | Quote }}
`,
    },
  },
};

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
