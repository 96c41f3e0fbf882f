import { mockCredentials } from '@backstage/backend-test-utils';
import { WECS_SOCKET_PROTOCOL } from '@kubestellar/plugin-wecs-common';
import { WebSocket } from 'ws';
import { waitFor } from './simulatedFleet';

/** The test user's credentials, as a header. */
const user = mockCredentials.user.header();

/** A socket opened as the test user: every message it got, as text, and how it closed. */
export async function openUserSocket(url: string) {
  const ws = new WebSocket(url, [WECS_SOCKET_PROTOCOL], {
    headers: { Authorization: user },
  });
  const messages: string[] = [];
  ws.on('message', data => messages.push(data.toString()));
  const closed = new Promise<{ code: number; reason: string }>(resolve =>
    ws.once('close', (code, reason) =>
      resolve({ code, reason: reason.toString() }),
    ),
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, messages, closed };
}

/** The name of a running storefront pod of cluster1, once the backend at `baseUrl` holds one. */
export async function runningStorefrontPod(baseUrl: string): Promise<string> {
  let pod = '';
  await waitFor('a running storefront pod', async () => {
    const res = await fetch(
      `${baseUrl}/cluster1/resources?kind=Pod&namespace=shop&name=storefront-&status=running`,
      { headers: { Authorization: user } },
    );
    pod = res.ok ? (await res.json()).items[0]?.name ?? '' : '';
    return pod !== '';
  });
  return pod;
}
