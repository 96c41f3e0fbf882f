import { Config } from '@backstage/config';

/** An origin pattern as backend.cors.origin writes them: `*` stands for any characters. */
function originMatcher(pattern: string): (origin: string) => boolean {
  if (!pattern.includes('*')) {
    let exact = pattern;
    try {
      exact = new URL(pattern).origin;
    } catch {
      // Not a URL: compared as written.
    }
    return origin => origin === exact;
  }
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  );
  return origin => regex.test(origin);
}

/**
 * Whether a WebSocket upgrade's Origin is one of the app's: app.baseUrl's, backend.baseUrl's,
 * or one that backend.cors.origin allows. Browsers send Origin on every upgrade and a page
 * cannot forge it, so a page of another site cannot open a socket with the user's cookie or
 * token; a request without Origin is not from a browser page (a CLI with a token) and is let
 * through to the token check.
 */
export function originCheck(
  config: Config,
): (origin: string | undefined) => boolean {
  const patterns = [
    config.getOptionalString('app.baseUrl'),
    config.getOptionalString('backend.baseUrl'),
    ...[config.getOptional('backend.cors.origin')]
      .flat()
      .filter((o): o is string => typeof o === 'string'),
  ].filter((o): o is string => Boolean(o));
  const matchers = patterns.map(originMatcher);
  return origin =>
    origin === undefined || matchers.some(matches => matches(origin));
}
