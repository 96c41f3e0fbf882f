import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  FLEET_SOCKET_PATH,
  WecsClusterList,
  WecsHealth,
} from '@kubestellar/plugin-wecs-common';
import { FleetConnection } from '../live/FleetConnection';
import { WecsApi } from './WecsApi';

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
