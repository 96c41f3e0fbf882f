import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigEntry {
  context: string;
  server: string;
  token: string;
  user: string;
}

/** A kubeconfig with one context per cluster, trusting the fleet's CA. */
export function renderKubeconfig(
  entries: KubeconfigEntry[],
  caCertPem: string,
  currentContext: string,
): string {
  const caData = Buffer.from(caCertPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: entries.map(e => ({
      name: e.context,
      cluster: { server: e.server, 'certificate-authority-data': caData },
    })),
    users: entries.map(e => ({
      name: `${e.user}@${e.context}`,
      user: { token: e.token },
    })),
    contexts: entries.map(e => ({
      name: e.context,
      context: { cluster: e.context, user: `${e.user}@${e.context}` },
    })),
    'current-context': currentContext,
  });
}

/**
 * Writes a file (owner-only, as kubeconfigs are) through a temporary file renamed over it, so
 * that a reader such as kubectl sees the old content or the new, never a half-written one.
 */
export function writeFileAtomically(path: string, content: string) {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, path);
}
