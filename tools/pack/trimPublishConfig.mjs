// Runs in a plugin's prepack, after `backstage-cli package prepack` has copied publishConfig's
// entry points (main, module, types) to the top of package.json. npm 11 warns about those keys
// left in publishConfig, which it reads as registry settings; keep only what npm reads there.
// `backstage-cli package postpack` puts the original package.json back.
import { readFileSync, writeFileSync } from 'node:fs';

const NPM_PUBLISH_SETTINGS = new Set([
  'access',
  'registry',
  'tag',
  'provenance',
]);
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.publishConfig = Object.fromEntries(
  Object.entries(manifest.publishConfig ?? {}).filter(([key]) =>
    NPM_PUBLISH_SETTINGS.has(key),
  ),
);
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
