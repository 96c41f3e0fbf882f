import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  FLEET_SOCKET_PATH,
  WecsClusterList,
  WecsEventList,
  WecsHealth,
} from '@kubestellar/plugin-wecs-common';
import { FleetConnection } from '../live/FleetConnection';
import { ObjectRef, WecsApi } from './WecsApi';

/** Talks to the WECS backend plugin over HTTP with the user's Backstage credentials. */
export class WecsClient implements WecsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      identityApi: IdentityApi;
    },
  ) {}

  getHealth(): Promise<WecsHealth> {
    return this.get('/health');
  }

  getClusters(): Promise<WecsClusterList> {
    return this.get('/clusters');
  }

  getObject(ref: ObjectRef): Promise<Record<string, any>> {
    const path = [ref.cluster, ref.namespace ?? '-', ref.kind, ref.name]
      .map(encodeURIComponent)
      .join('/');
    return this.get(`/${path}`);
  }

  getEvents(ref: ObjectRef): Promise<WecsEventList> {
    const query = new URLSearchParams({ kind: ref.kind, name: ref.name });
    if (ref.namespace) query.set('namespace', ref.namespace);
    if (ref.uid) query.set('uid', ref.uid);
    return this.get(`/${encodeURIComponent(ref.cluster)}/events?${query}`);
  }

  async reconnectCluster(name: string): Promise<void> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('wecs');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/clusters/${encodeURIComponent(name)}/reconnect`,
      { method: 'POST' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  connectFleet(): FleetConnection {
    return new FleetConnection({
      url: async () => {
        const baseUrl = await this.options.discoveryApi.getBaseUrl('wecs');
        return `${baseUrl.replace(/^http/, 'ws')}${FLEET_SOCKET_PATH}`;
      },
      token: async () =>
        (await this.options.identityApi.getCredentials()).token,
    });
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('wecs');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
