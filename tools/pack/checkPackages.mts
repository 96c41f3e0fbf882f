// Checks the plugin tarballs `./wecs pack` wrote, as an adopter's package manager and bundler
// will meet them: every entry point package.json names is in the tarball, every package the
// built code imports is declared, and `npm publish --dry-run` has nothing to say.
//
//   node tools/pack/checkPackages.mts DIR
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const BUILTINS = new Set(builtinModules);
// import x from 'a', export * from 'a', import 'a', import('a'), require('a'), and the same in .d.ts
const IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"./\s][^'"\s]*)['"]/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The package a bare specifier names: `@scope/name/deep` is `@scope/name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every file path a package.json field points at, exports conditions included. */
function entryPoints(manifest: any): string[] {
  const paths: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') {
      // Conditions such as `backstage` carry markers (`@backstage/FrontendPlugin`), not paths.
      if (!value.startsWith('@') && value.includes('/')) paths.push(value);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect([manifest.main, manifest.module, manifest.types, manifest.exports]);
  collect(manifest.typesVersions);
  return paths;
}

function check(tarball: string): string[] {
  const problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wecs-pack-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const root = join(dir, 'package');
    const manifest = JSON.parse(
      readFileSync(join(root, 'package.json'), 'utf8'),
    );
    const files = new Set(filesUnder(root).map(f => relative(root, f)));

    for (const entry of entryPoints(manifest)) {
      const path = entry.replace(/^\.\//, '');
      if (!files.has(path))
        problems.push(`package.json names ${entry}, which the tarball lacks`);
    }
    if (
      JSON.stringify(manifest.publishConfig ?? {}).match(
        /"(main|module|types)"/,
      )
    ) {
      problems.push(
        'publishConfig still holds entry points (npm warns about them)',
      );
    }

    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    const undeclared = new Map<string, string>();
    for (const file of files) {
      if (!/\.(c|m)?js$|\.d\.ts$/.test(file) || file.endsWith('.map')) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, specifier] of text.matchAll(IMPORT)) {
        const name = packageOf(specifier);
        if (specifier.startsWith('node:') || BUILTINS.has(name)) continue;
        if (!declared.has(name) && !undeclared.has(name))
          undeclared.set(name, file);
      }
    }
    for (const [name, file] of undeclared) {
      problems.push(
        `${file} imports ${name}, which package.json does not declare`,
      );
    }

    // A dry run never reaches a registry; without credentials it only says that a real publish
    // would need them, which is about this machine, not the package.
    const dryRun = spawnSync('npm', ['publish', '--dry-run', tarball], {
      encoding: 'utf8',
    });
    const warnings = `${dryRun.stdout}\n${dryRun.stderr}`
      .split('\n')
      .filter(line => /^npm (warn|error)/i.test(line))
      .filter(line => !/requires you to be logged in/.test(line));
    if (dryRun.status !== 0)
      problems.push(`npm publish --dry-run exited with ${dryRun.status}`);
    problems.push(...warnings.map(line => `npm publish --dry-run: ${line}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/pack/checkPackages.mts DIR');
  process.exit(2);
}
const tarballs = readdirSync(dir).filter(name => name.endsWith('.tgz'));
if (tarballs.length === 0) {
  console.error(`no tarballs in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const name of tarballs) {
  const problems = check(join(dir, name));
  console.log(`${problems.length ? '✘' : '✔'} ${name}`);
  for (const problem of problems) console.log(`    ${problem}`);
  if (problems.length) failed++;
}
process.exit(failed ? 1 : 0);
