import { ClusterApiError } from '../model/errors';
import { KubeApiError } from '@kubestellar/plugin-wecs-node';
import { fromClusterError } from './routeContext';

describe('fromClusterError', () => {
  it("passes the API server's own status and message through, saying it came from the cluster", () => {
    for (const code of [400, 403, 404, 409, 410, 422, 429, 500, 503, 504]) {
      const error = fromClusterError(
        new KubeApiError(code, `the API server said ${code}`),
        'c1',
      );
      expect(error).toBeInstanceOf(ClusterApiError);
      expect(error).toMatchObject({
        statusCode: code,
        message: `The API server of c1 answered ${code}: the API server said ${code}`,
      });
    }
  });

  it("makes the cluster's 401 a 403: the backend's credentials were refused, not the user's", () => {
    expect(
      fromClusterError(new KubeApiError(401, 'Unauthorized'), 'c1'),
    ).toMatchObject({
      name: 'NotAllowedError',
      message:
        'The API server of c1 refused the credentials WECS uses for it (401): Unauthorized',
    });
  });

  it('keeps 503 for a cluster that could not be reached, and 502 for an answer that is not JSON', () => {
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:6443'),
      { code: 'ECONNREFUSED' },
    );
    expect(fromClusterError(refused, 'c1')).toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'c1 could not be reached: connect ECONNREFUSED 127.0.0.1:6443',
    });
    expect(
      fromClusterError(new Error('no response from 10.0.0.1 within 30s'), 'c1'),
    ).toMatchObject({ name: 'ServiceUnavailableError' });
    let notJson: unknown;
    try {
      JSON.parse('<html>');
    } catch (error) {
      notJson = error;
    }
    expect(fromClusterError(notJson, 'c1')).toMatchObject({
      statusCode: 502,
      message: 'The API server of c1 answered with something that is not JSON',
    });
  });

  it("leaves the backend's own failures as they are, never blaming the cluster", () => {
    const bug = new RangeError('Maximum call stack size exceeded');
    expect(fromClusterError(bug, 'c1')).toBe(bug);
  });
});
