import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterMembershipAction,
  ClusterRole,
  WecsClusterActionResult,
  WecsClusterList,
  WecsEventList,
  WecsHealth,
  WecsObjectList,
  WecsRefreshResult,
  WecsSearchResult,
  WecsTypeList,
} from '@kubestellar/plugin-wecs-common';
import { FleetConnection } from './FleetConnection';
import { FleetViewConnection } from './FleetViewConnection';
import { LiveTransports } from './LiveTransports';
import { LogQuery, LogStreamHandlers, openLogStream } from './LogStream';
import {
  FleetSearchQuery,
  ListQuery,
  ObjectRef,
  PropagationPolicy,
  WecsApi,
} from './WecsApi';

/** The backend's URL of one object; `-` stands for no namespace. */
function objectPath(ref: ObjectRef, query: Record<string, string> = {}) {
  const path = [ref.cluster, ref.namespace ?? '-', ref.kind, ref.name]
    .map(encodeURIComponent)
    .join('/');
  const params = new URLSearchParams(query);
  if (ref.apiVersion) params.set('apiVersion', ref.apiVersion);
  const search = params.toString();
  return search ? `/${path}?${search}` : `/${path}`;
}

/**
 * Talks to the WECS backend plugin over HTTP with the user's Backstage credentials.
 *
 * @public
 */
export class WecsClient implements WecsApi {
  /** One choice of live transport for every connection this client opens. */
  private readonly transports: LiveTransports;

  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      identityApi: IdentityApi;
    },
  ) {
    this.transports = new LiveTransports({
      baseUrl: () => options.discoveryApi.getBaseUrl('wecs'),
      fetch: (input, init) => options.fetchApi.fetch(input, init),
      health: () => this.getHealth(),
    });
  }

  getHealth(): Promise<WecsHealth> {
    return this.get('/health');
  }

  getClusters(): Promise<WecsClusterList> {
    return this.get('/clusters');
  }

  getObject(ref: ObjectRef): Promise<Record<string, any>> {
    return this.get(objectPath(ref));
  }

  async replaceObject(
    ref: ObjectRef,
    object: Record<string, any>,
  ): Promise<Record<string, any>> {
    return this.putJson(objectPath(ref), object);
  }

  getClusterObject(cluster: string): Promise<Record<string, any>> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/object`);
  }

  async replaceClusterObject(
    cluster: string,
    object: Record<string, any>,
  ): Promise<Record<string, any>> {
    return this.putJson(
      `/clusters/${encodeURIComponent(cluster)}/object`,
      object,
    );
  }

  async deleteObject(
    ref: ObjectRef,
    options: { propagationPolicy?: PropagationPolicy } = {},
  ): Promise<void> {
    const query: Record<string, string> = options.propagationPolicy
      ? { propagationPolicy: options.propagationPolicy }
      : {};
    await this.send(objectPath(ref, query), { method: 'DELETE' });
  }

  streamLogs(query: LogQuery, handlers: LogStreamHandlers): () => void {
    return openLogStream(
      {
        url: () => this.transports.logsUrl(),
        token: () => this.token(),
        openSocket: this.transports.openLogSocket,
      },
      query,
      handlers,
    );
  }

  getEvents(
    ref: ObjectRef,
    options: { includeOwned?: boolean } = {},
  ): Promise<WecsEventList> {
    const query = new URLSearchParams({ kind: ref.kind, name: ref.name });
    if (ref.namespace) query.set('namespace', ref.namespace);
    if (ref.uid) query.set('uid', ref.uid);
    if (options.includeOwned && ref.uid) query.set('include', 'owned');
    return this.get(`/${encodeURIComponent(ref.cluster)}/events?${query}`);
  }

  getTypes(cluster: string): Promise<WecsTypeList> {
    return this.get(`/${encodeURIComponent(cluster)}/types`);
  }

  listObjects(cluster: string, query: ListQuery): Promise<WecsObjectList> {
    const params = new URLSearchParams({ kind: query.kind });
    if (query.apiVersion) params.set('apiVersion', query.apiVersion);
    if (query.namespace) params.set('namespace', query.namespace);
    return this.get(`/${encodeURIComponent(cluster)}/objects?${params}`);
  }

  async reconnectCluster(name: string): Promise<void> {
    await this.send(`/clusters/${encodeURIComponent(name)}/reconnect`, {
      method: 'POST',
    });
  }

  async refreshClusters(
    options: { cluster?: string; roles?: ClusterRole[] } = {},
  ): Promise<WecsRefreshResult> {
    const path = options.cluster
      ? `/clusters/${encodeURIComponent(options.cluster)}/refresh`
      : `/refresh${
          options.roles?.length
            ? `?${new URLSearchParams({ role: options.roles.join(',') })}`
            : ''
        }`;
    const response = await this.send(path, { method: 'POST' });
    return response.json();
  }

  /** Accepts a pending cluster on the ITS (its CSRs approved, `spec.hubAcceptsClient: true`). */
  acceptCluster(name: string): Promise<WecsClusterActionResult> {
    return this.changeMembership(name, 'accept');
  }

  /** Detaches a joined cluster on the ITS (`spec.hubAcceptsClient: false`). */
  detachCluster(name: string): Promise<WecsClusterActionResult> {
    return this.changeMembership(name, 'detach');
  }

  /** `POST /clusters/:name/:action`: what the hub did, for a notice. */
  private async changeMembership(
    name: string,
    action: ClusterMembershipAction,
  ): Promise<WecsClusterActionResult> {
    const response = await this.send(
      `/clusters/${encodeURIComponent(name)}/${action}`,
      { method: 'POST' },
    );
    return (await response.json()) as WecsClusterActionResult;
  }

  searchFleet(query: FleetSearchQuery): Promise<WecsSearchResult> {
    const params = new URLSearchParams();
    const { filters = {} } = query;
    for (const [param, value] of [
      ['name', query.name],
      ['selector', query.selector],
      ['object', query.object],
      ['labelSelector', filters.labelSelector],
    ] as const) {
      if (value) params.set(param, value);
    }
    for (const [param, values] of [
      ['cluster', filters.clusters],
      ['role', filters.roles],
      ['namespace', filters.namespaces],
      ['kind', filters.kinds],
      ['status', filters.phases],
      ['policy', filters.policies],
      [
        'label',
        Object.entries(filters.labels ?? {}).map(
          ([key, value]) => `${key}=${value}`,
        ),
      ],
    ] as const) {
      for (const value of values ?? []) params.append(param, value);
    }
    if (filters.delivered) params.set('delivered', 'true');
    if (query.offset) params.set('offset', String(query.offset));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.get(`/search?${params}`);
  }

  connectFleet(): FleetConnection {
    return new FleetConnection(this.fleetSocketOptions());
  }

  connectFleetViews(): FleetViewConnection {
    return new FleetViewConnection({
      ...this.fleetSocketOptions(),
      searchOverHttp: query => this.searchFleet(query),
    });
  }

  private fleetSocketOptions() {
    return {
      url: () => this.transports.fleetUrl(),
      token: () => this.token(),
      openSocket: this.transports.openFleetSocket,
    };
  }

  private async token() {
    return (await this.options.identityApi.getCredentials()).token;
  }

  async createObject(
    cluster: string,
    object: Record<string, any>,
  ): Promise<Record<string, any>> {
    return this.sendJson(
      'POST',
      `/${encodeURIComponent(cluster)}/objects`,
      object,
    );
  }

  private putJson(path: string, object: Record<string, any>) {
    return this.sendJson('PUT', path, object);
  }

  private async sendJson(
    method: 'PUT' | 'POST',
    path: string,
    object: Record<string, any>,
  ): Promise<Record<string, any>> {
    const response = await this.send(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(object),
    });
    return response.json();
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.send(path);
    return (await response.json()) as T;
  }

  /** Sends a request to the backend plugin; a non-2xx answer throws a ResponseError. */
  private async send(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('wecs');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
