import {
  CertificatesV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  loadYaml,
  PatchStrategy,
  setHeaderOptions,
  VersionApi,
} from '@kubernetes/client-node';
import { KubeObject } from '@kubestellar/fleet-sim';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const statusCode = (error: unknown) =>
  (error as { code?: number; statusCode?: number }).code ??
  (error as { statusCode?: number }).statusCode;

/** client-node clients for one cluster of the fleet, with the few writes seeding needs. */
export class ClusterApi {
  readonly objects: KubernetesObjectApi;
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
  readonly certificates: CertificatesV1Api;
  readonly version: VersionApi;

  constructor(kubeconfig: string, context: string) {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfig);
    kc.setCurrentContext(context);
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.certificates = kc.makeApiClient(CertificatesV1Api);
    this.version = kc.makeApiClient(VersionApi);
  }

  /**
   * Creates an object, as `kubectl create` would; an existing one is left alone. Kinds of a CRD
   * just created are retried until the API server serves them.
   */
  async create(object: KubeObject): Promise<KubernetesObject> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        // client-node serializes through its typed models, which know a JSON-shaped object's
        // dashed keys (x-kubernetes-preserve-unknown-fields) by other names and would drop them.
        return await this.objects.create(loadYaml(JSON.stringify(object)));
      } catch (error) {
        const code = statusCode(error);
        if (code === 409) return this.objects.read(object as any);
        const notServedYet =
          code === 404 ||
          /Unrecognized API version and kind/.test(String(error));
        if (!notServedYet || Date.now() > deadline) {
          throw new Error(
            `creating ${object.kind} ${object.metadata.namespace ?? ''}/${
              object.metadata.name
            }: ${error}`,
          );
        }
        await sleep(250);
      }
    }
  }

  async createAll(objects: KubeObject[]) {
    // Namespaces first, as kubectl apply of a directory orders them.
    const ordered = [...objects].sort(
      (a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'),
    );
    for (const object of ordered) await this.create(structuredClone(object));
  }

  /** Merges `status` into a custom resource's status subresource, as its operator would. */
  async patchCustomStatus(
    object: KubeObject,
    plural: string,
    status: Record<string, unknown>,
  ) {
    const [group, version] = object.apiVersion!.split('/');
    await this.custom.patchNamespacedCustomObjectStatus(
      {
        group,
        version,
        plural,
        namespace: object.metadata.namespace!,
        name: object.metadata.name!,
        body: { status },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }
}
