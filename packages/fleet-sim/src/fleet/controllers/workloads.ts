import { createHash } from 'node:crypto';
import { KubeObject } from '../../api/types';
import { ClusterRuntime, timestamp } from '../ClusterRuntime';

const isReady = (pod: KubeObject) =>
  ((pod.status as any)?.conditions ?? []).some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  ) && !pod.metadata.deletionTimestamp;

const isActive = (pod: KubeObject) =>
  !pod.metadata.deletionTimestamp &&
  !['Succeeded', 'Failed'].includes((pod.status as any)?.phase);

/** kube-controller-manager's pod-template-hash: a short stable hash of the pod template. */
export function templateHash(template: unknown) {
  const digest = createHash('sha256').update(JSON.stringify(template)).digest();
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

function condition(
  type: string,
  status: boolean,
  reason: string,
  message: string,
  previous?: any[],
) {
  const old = (previous ?? []).find(c => c.type === type);
  const statusText = status ? 'True' : 'False';
  const now = timestamp();
  return {
    type,
    status: statusText,
    lastUpdateTime:
      old?.status === statusText && old?.reason === reason
        ? old.lastUpdateTime
        : now,
    lastTransitionTime:
      old?.status === statusText ? old.lastTransitionTime : now,
    reason,
    message,
  };
}

function podFromTemplate(
  rt: ClusterRuntime,
  owner: KubeObject,
  name: string | undefined,
  extraLabels: Record<string, string> = {},
  nodeName?: string,
) {
  const template = (owner.spec as any).template ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(name ? { name } : { generateName: `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), ...extraLabels },
      annotations: template.metadata?.annotations,
      ownerReferences: [rt.ownerReference(owner)],
    },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      ...(template.spec ?? {}),
      ...(nodeName ? { nodeName } : {}),
    },
  } as KubeObject;
}

/** Deployments: one ReplicaSet per pod template, rolled over when the template changes. */
export function reconcileDeployments(rt: ClusterRuntime) {
  for (let deployment of rt.list('apps/v1', 'Deployment')) {
    if (deployment.metadata.deletionTimestamp) continue;
    const spec = deployment.spec as any;
    const replicas = spec.replicas ?? 1;
    const hash = templateHash(spec.template);
    const owned = rt.ownedBy(deployment, 'apps/v1', 'ReplicaSet');
    let current = owned.find(
      rs => rs.metadata.labels?.['pod-template-hash'] === hash,
    );
    const revision = Math.max(
      0,
      ...owned.map(rs =>
        Number(
          rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0,
        ),
      ),
    );
    if (!current) {
      current = rt.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${deployment.metadata.name}-${hash}`,
          namespace: deployment.metadata.namespace,
          labels: {
            ...(spec.template?.metadata?.labels ?? {}),
            'pod-template-hash': hash,
          },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(replicas + 1),
            'deployment.kubernetes.io/revision': String(revision + 1),
          },
          ownerReferences: [rt.ownerReference(deployment)],
        },
        spec: {
          replicas: owned.length === 0 ? replicas : Math.min(1, replicas),
          selector: {
            matchLabels: {
              ...(spec.selector?.matchLabels ?? {}),
              'pod-template-hash': hash,
            },
          },
          template: {
            ...spec.template,
            metadata: {
              ...(spec.template?.metadata ?? {}),
              labels: {
                ...(spec.template?.metadata?.labels ?? {}),
                'pod-template-hash': hash,
              },
            },
          },
        },
      });
      if (current) {
        rt.recordEvent(
          deployment,
          'Normal',
          'ScalingReplicaSet',
          `Scaled up replica set ${current.metadata.name} from 0 to ${
            (current.spec as any).replicas
          }`,
          'deployment-controller',
        );
      }
      continue;
    }
    const old = owned.filter(rs => rs !== current);
    const currentReady = (current.status as any)?.readyReplicas ?? 0;
    const currentSpec = (current.spec as any).replicas ?? 0;
    // Rolling update: grow the new ReplicaSet one pod at a time, shrink old ones as new pods are ready.
    let target = replicas;
    const oldRunning = old.reduce(
      (sum, rs) => sum + ((rs.spec as any).replicas ?? 0),
      0,
    );
    if (oldRunning > 0) target = Math.min(replicas, currentReady + 1);
    if (target !== currentSpec) {
      rt.replace({
        ...current,
        spec: { ...(current.spec as any), replicas: target },
      });
      rt.recordEvent(
        deployment,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${target > currentSpec ? 'up' : 'down'} replica set ${
          current.metadata.name
        } from ${currentSpec} to ${target}`,
        'deployment-controller',
      );
    }
    for (const rs of old) {
      const rsReplicas = (rs.spec as any).replicas ?? 0;
      const keep = Math.max(0, replicas - currentReady);
      const next = Math.min(rsReplicas, keep);
      if (next !== rsReplicas) {
        rt.replace({ ...rs, spec: { ...(rs.spec as any), replicas: next } });
        rt.recordEvent(
          deployment,
          'Normal',
          'ScalingReplicaSet',
          `Scaled down replica set ${rs.metadata.name} from ${rsReplicas} to ${next}`,
          'deployment-controller',
        );
      }
    }
    const currentRevision =
      current.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (
      currentRevision &&
      deployment.metadata.annotations?.['deployment.kubernetes.io/revision'] !==
        currentRevision
    ) {
      const annotated = rt.replace({
        ...deployment,
        metadata: {
          ...deployment.metadata,
          annotations: {
            ...(deployment.metadata.annotations ?? {}),
            'deployment.kubernetes.io/revision': currentRevision,
          },
        },
      });
      if (!annotated) continue;
      deployment = annotated;
    }
    const all = [current, ...old];
    const sum = (read: (s: any) => number) =>
      all.reduce((total, rs) => total + (read(rs.status ?? {}) ?? 0), 0);
    const available = sum(s => s.availableReplicas ?? 0);
    const updated = (current.status as any)?.replicas ?? 0;
    const previous = (deployment.status as any)?.conditions;
    const progressing =
      updated === replicas &&
      old.every(rs => ((rs.status as any)?.replicas ?? 0) === 0);
    rt.setStatus(deployment, {
      observedGeneration: deployment.metadata.generation,
      replicas: sum(s => s.replicas ?? 0),
      updatedReplicas: updated,
      readyReplicas: sum(s => s.readyReplicas ?? 0),
      availableReplicas: available,
      ...(replicas - available > 0
        ? { unavailableReplicas: replicas - available }
        : {}),
      conditions: [
        available >= replicas
          ? condition(
              'Available',
              true,
              'MinimumReplicasAvailable',
              'Deployment has minimum availability.',
              previous,
            )
          : condition(
              'Available',
              false,
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
              previous,
            ),
        progressing
          ? condition(
              'Progressing',
              true,
              'NewReplicaSetAvailable',
              `ReplicaSet "${current.metadata.name}" has successfully progressed.`,
              previous,
            )
          : condition(
              'Progressing',
              true,
              'ReplicaSetUpdated',
              `ReplicaSet "${current.metadata.name}" is progressing.`,
              previous,
            ),
      ],
    });
  }
}

/** ReplicaSets: keep the desired number of pods. */
export function reconcileReplicaSets(rt: ClusterRuntime) {
  for (const rs of rt.list('apps/v1', 'ReplicaSet')) {
    if (rs.metadata.deletionTimestamp) continue;
    const desired = (rs.spec as any).replicas ?? 1;
    const pods = rt.ownedBy(rs, 'v1', 'Pod').filter(isActive);
    if (pods.length < desired) {
      for (let i = pods.length; i < desired; i++) {
        const pod = rt.create(podFromTemplate(rt, rs, undefined));
        if (pod)
          rt.recordEvent(
            rs,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${pod.metadata.name}`,
            'replicaset-controller',
          );
      }
    } else if (pods.length > desired) {
      const victims = [...pods]
        .sort((a, b) => Number(isReady(a)) - Number(isReady(b)))
        .slice(0, pods.length - desired);
      for (const pod of victims) {
        rt.delete(pod);
        rt.recordEvent(
          rs,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          'replicaset-controller',
        );
      }
    }
    const ready = pods.filter(isReady).length;
    rt.setStatus(rs, {
      replicas: Math.min(pods.length, Math.max(desired, pods.length)),
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    });
  }
}

/** StatefulSets: ordinal pods `<name>-0..n-1`, created in order. */
export function reconcileStatefulSets(rt: ClusterRuntime) {
  for (const sts of rt.list('apps/v1', 'StatefulSet')) {
    if (sts.metadata.deletionTimestamp) continue;
    const desired = (sts.spec as any).replicas ?? 1;
    const pods = rt.ownedBy(sts, 'v1', 'Pod');
    const byName = new Map(pods.map(p => [p.metadata.name, p]));
    for (let i = 0; i < desired; i++) {
      const name = `${sts.metadata.name}-${i}`;
      const pod = byName.get(name);
      if (!pod) {
        rt.create(
          podFromTemplate(rt, sts, name, {
            'statefulset.kubernetes.io/pod-name': name,
            'apps.kubernetes.io/pod-index': String(i),
          }),
        );
        rt.recordEvent(
          sts,
          'Normal',
          'SuccessfulCreate',
          `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
          'statefulset-controller',
        );
        break;
      }
      if (!isReady(pod)) break;
    }
    for (const pod of pods) {
      const ordinal = Number(
        pod.metadata.name!.slice(sts.metadata.name!.length + 1),
      );
      if (ordinal >= desired && !pod.metadata.deletionTimestamp) {
        rt.delete(pod);
        rt.recordEvent(
          sts,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
          'statefulset-controller',
        );
      }
    }
    const ready = pods.filter(isReady).length;
    rt.setStatus(sts, {
      observedGeneration: sts.metadata.generation,
      replicas: pods.length,
      readyReplicas: ready,
      currentReplicas: pods.length,
      updatedReplicas: pods.length,
      availableReplicas: ready,
      collisionCount: 0,
      currentRevision: `${sts.metadata.name}-${templateHash(
        (sts.spec as any).template,
      )}`,
      updateRevision: `${sts.metadata.name}-${templateHash(
        (sts.spec as any).template,
      )}`,
    });
  }
}

/** DaemonSets: one pod on every node that matches the node selector. */
export function reconcileDaemonSets(rt: ClusterRuntime) {
  const nodes = rt.list('v1', 'Node');
  for (const ds of rt.list('apps/v1', 'DaemonSet')) {
    if (ds.metadata.deletionTimestamp) continue;
    const selector: Record<string, string> =
      (ds.spec as any).template?.spec?.nodeSelector ?? {};
    const eligible = nodes.filter(n =>
      Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v),
    );
    const pods = rt.ownedBy(ds, 'v1', 'Pod').filter(isActive);
    for (const node of eligible) {
      if (!pods.some(p => (p.spec as any).nodeName === node.metadata.name)) {
        const pod = rt.create(
          podFromTemplate(rt, ds, undefined, {}, node.metadata.name),
        );
        if (pod)
          rt.recordEvent(
            ds,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${pod.metadata.name}`,
            'daemonset-controller',
          );
      }
    }
    const ready = pods.filter(isReady).length;
    rt.setStatus(ds, {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: eligible.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: pods.length,
      ...(eligible.length - ready > 0
        ? { numberUnavailable: eligible.length - ready }
        : {}),
      observedGeneration: ds.metadata.generation,
    });
  }
}

/** Jobs: run pods until `completions` have succeeded. */
export function reconcileJobs(rt: ClusterRuntime) {
  for (const job of rt.list('batch/v1', 'Job')) {
    if (job.metadata.deletionTimestamp) continue;
    const spec = job.spec as any;
    const status = (job.status ?? {}) as any;
    if (
      (status.conditions ?? []).some(
        (c: any) => c.type === 'Complete' && c.status === 'True',
      )
    )
      continue;
    const completions = spec.completions ?? 1;
    const parallelism = spec.parallelism ?? 1;
    const pods = rt.ownedBy(job, 'v1', 'Pod');
    const succeeded = pods.filter(
      p => (p.status as any)?.phase === 'Succeeded',
    ).length;
    const active = pods.filter(isActive);
    const wanted =
      Math.min(parallelism, completions - succeeded) - active.length;
    for (let i = 0; i < wanted; i++) {
      const pod = rt.create(
        podFromTemplate(rt, job, undefined, {
          'batch.kubernetes.io/job-name': job.metadata.name!,
          'job-name': job.metadata.name!,
          'batch.kubernetes.io/controller-uid': job.metadata.uid!,
        }),
      );
      if (pod)
        rt.recordEvent(
          job,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'job-controller',
        );
    }
    const done = succeeded >= completions;
    const now = timestamp();
    rt.setStatus(job, {
      startTime: status.startTime ?? now,
      ...(active.length ? { active: active.length } : {}),
      ...(succeeded ? { succeeded } : {}),
      ready: active.filter(isReady).length,
      terminating: 0,
      uncountedTerminatedPods: {},
      ...(done
        ? {
            completionTime: now,
            conditions: [
              {
                type: 'SuccessCriteriaMet',
                status: 'True',
                reason: 'CompletionsReached',
                message: 'Reached expected number of succeeded pods',
                lastProbeTime: now,
                lastTransitionTime: now,
              },
              {
                type: 'Complete',
                status: 'True',
                reason: 'CompletionsReached',
                message: 'Reached expected number of succeeded pods',
                lastProbeTime: now,
                lastTransitionTime: now,
              },
            ],
          }
        : {}),
    });
    if (done)
      rt.recordEvent(
        job,
        'Normal',
        'Completed',
        'Job completed',
        'job-controller',
      );
  }
}

/** The period of a cron schedule's minute field (`*\/N` or a fixed minute: hourly). */
export function cronPeriodMs(schedule: string): number {
  const minute = schedule.trim().split(/\s+/)[0] ?? '*';
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step) return Number(step[1]) * 60_000;
  if (minute === '*') return 60_000;
  return 3600_000;
}

/** CronJobs: a Job per period, keeping the three most recent. */
export function reconcileCronJobs(rt: ClusterRuntime, now = Date.now()) {
  for (const cronJob of rt.list('batch/v1', 'CronJob')) {
    const spec = cronJob.spec as any;
    if (spec.suspend || cronJob.metadata.deletionTimestamp) continue;
    const status = (cronJob.status ?? {}) as any;
    const period = cronPeriodMs(spec.schedule ?? '* * * * *');
    const last = status.lastScheduleTime
      ? Date.parse(status.lastScheduleTime)
      : Date.parse(cronJob.metadata.creationTimestamp!);
    const jobs = rt.ownedBy(cronJob, 'batch/v1', 'Job');
    if (
      now - last >= period ||
      (jobs.length === 0 && !status.lastScheduleTime)
    ) {
      const scheduledMinute = Math.floor(now / 60_000);
      const job = rt.create({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: `${cronJob.metadata.name}-${scheduledMinute}`,
          namespace: cronJob.metadata.namespace,
          labels: spec.jobTemplate?.metadata?.labels,
          ownerReferences: [rt.ownerReference(cronJob)],
        },
        spec: spec.jobTemplate?.spec ?? {},
      });
      if (job) {
        rt.recordEvent(
          cronJob,
          'Normal',
          'SuccessfulCreate',
          `Created job ${job.metadata.name}`,
          'cronjob-controller',
        );
        rt.setStatus(cronJob, {
          ...status,
          lastScheduleTime: timestamp(now),
          active: [
            {
              kind: 'Job',
              namespace: job.metadata.namespace,
              name: job.metadata.name,
              uid: job.metadata.uid,
              apiVersion: 'batch/v1',
            },
          ],
        });
      }
    }
    const finished = jobs
      .filter(j =>
        ((j.status as any)?.conditions ?? []).some(
          (c: any) => c.type === 'Complete' && c.status === 'True',
        ),
      )
      .sort((a, b) =>
        a.metadata.creationTimestamp!.localeCompare(
          b.metadata.creationTimestamp!,
        ),
      );
    const keep = spec.successfulJobsHistoryLimit ?? 3;
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) {
      rt.cluster.delete(
        rt.type('batch/v1', 'Job'),
        job.metadata.namespace,
        job.metadata.name!,
        { propagationPolicy: 'Background' },
      );
      rt.recordEvent(
        cronJob,
        'Normal',
        'SuccessfulDelete',
        `Deleted job ${job.metadata.name}`,
        'cronjob-controller',
      );
    }
    const current = rt.find(
      'batch/v1',
      'CronJob',
      cronJob.metadata.namespace,
      cronJob.metadata.name!,
    );
    const active = jobs.filter(j => !finished.includes(j));
    if (current && finished.length) {
      const s = (current.status ?? {}) as any;
      rt.setStatus(current, {
        ...s,
        active: active.length
          ? active.map(j => ({
              kind: 'Job',
              namespace: j.metadata.namespace,
              name: j.metadata.name,
              uid: j.metadata.uid,
              apiVersion: 'batch/v1',
            }))
          : undefined,
        lastSuccessfulTime: (finished[finished.length - 1].status as any)
          ?.completionTime,
      });
    }
  }
}

/** Endpoints: the ready pod addresses behind each Service's selector. */
export function reconcileEndpoints(rt: ClusterRuntime) {
  for (const service of rt.list('v1', 'Service')) {
    const selector: Record<string, string> | undefined = (service.spec as any)
      .selector;
    if (!selector) continue;
    const labelSelector = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const pods = rt.list(
      'v1',
      'Pod',
      service.metadata.namespace,
      labelSelector,
    );
    const address = (pod: KubeObject) => ({
      ip: (pod.status as any)?.podIP,
      nodeName: (pod.spec as any).nodeName,
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
      },
    });
    const ready = pods
      .filter(p => isReady(p) && (p.status as any)?.podIP)
      .map(address);
    const notReady = pods
      .filter(p => !isReady(p) && isActive(p) && (p.status as any)?.podIP)
      .map(address);
    const ports = ((service.spec as any).ports ?? []).map((p: any) => ({
      ...(p.name ? { name: p.name } : {}),
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const subsets =
      ready.length || notReady.length
        ? [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports,
            },
          ]
        : undefined;
    const existing = rt.find(
      'v1',
      'Endpoints',
      service.metadata.namespace,
      service.metadata.name!,
    );
    const desired = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: service.metadata.name,
        namespace: service.metadata.namespace,
        labels: service.metadata.labels,
      },
      ...(subsets ? { subsets } : {}),
    } as KubeObject;
    if (!existing) rt.create(desired);
    else
      rt.replace({
        ...existing,
        ...(subsets ? { subsets } : {}),
        ...(subsets ? {} : { subsets: undefined }),
      });
  }
}

/** PersistentVolumeClaims: bound to a matching volume, provisioned when the class allows. */
export function reconcileVolumeClaims(rt: ClusterRuntime) {
  for (const claim of rt.list('v1', 'PersistentVolumeClaim')) {
    const spec = claim.spec as any;
    if ((claim.status as any)?.phase === 'Bound') continue;
    const className = spec.storageClassName;
    const storageClass = className
      ? rt.find('storage.k8s.io/v1', 'StorageClass', undefined, className)
      : undefined;
    if (!storageClass) {
      rt.setStatus(claim, { phase: 'Pending' });
      rt.recordEvent(
        claim,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`,
        'persistentvolume-controller',
      );
      continue;
    }
    const volumeName = spec.volumeName ?? `pvc-${claim.metadata.uid}`;
    if (!rt.find('v1', 'PersistentVolume', undefined, volumeName)) {
      rt.create({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: volumeName,
          annotations: {
            'pv.kubernetes.io/provisioned-by': (storageClass as any)
              .provisioner,
          },
        },
        spec: {
          capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
          accessModes: spec.accessModes ?? ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy:
            (storageClass as any).reclaimPolicy ?? 'Delete',
          storageClassName: className,
          claimRef: {
            kind: 'PersistentVolumeClaim',
            namespace: claim.metadata.namespace,
            name: claim.metadata.name,
            uid: claim.metadata.uid,
            apiVersion: 'v1',
          },
          hostPath: {
            path: `/var/local-path-provisioner/${volumeName}`,
            type: 'DirectoryOrCreate',
          },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      });
      rt.recordEvent(
        claim,
        'Normal',
        'ProvisioningSucceeded',
        `Successfully provisioned volume ${volumeName}`,
        (storageClass as any).provisioner,
      );
    }
    const bound = rt.replace({ ...claim, spec: { ...spec, volumeName } });
    if (bound) {
      rt.setStatus(bound, {
        phase: 'Bound',
        accessModes: spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      });
    }
  }
}
