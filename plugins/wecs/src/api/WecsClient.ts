import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { WecsClusterList, WecsHealth } from '@kubestellar/plugin-wecs-common';
import { WecsApi } from './WecsApi';

/** Talks to the WECS backend plugin over HTTP with the user's Backstage credentials. */
export class WecsClient implements WecsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getHealth(): Promise<WecsHealth> {
    return this.get('/health');
  }

  getClusters(): Promise<WecsClusterList> {
    return this.get('/clusters');
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
