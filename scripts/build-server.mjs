#!/usr/bin/env node
// Compiles the server (src/, TypeScript) into one ES module, dist/cli.js, with esbuild: Node then
// loads plain JavaScript at start instead of compiling some 200 files through tsx (≈ 1.7 s and
// 60 MB on a busy 2-core machine). Most packages stay imports from node_modules (see `external`);
// nothing is minified.
// bin/stepwise.js calls `ensureServerBuild()` before every command: it builds only when a source
// is newer than the bundle, so a fresh clone, an edited source and `git pull` all just work.
// Run directly (`node scripts/build-server.mjs [--force]`) it does the same, or always builds.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outFile = join(root, 'dist', 'cli.js');
const sources = ['src', 'package.json', 'package-lock.json'];

/** Newest modification time of the files under the sources. */
function newestSource() {
  let max = 0;
  const walk = (p) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of sources) walk(join(root, p));
  return max;
}

/**
 * Packages stay imports from node_modules (native addons, and packages that load files of their
 * own at run time), except two pure-JavaScript ones of many small modules: Kysely and zod are
 * some 600 files that Node would otherwise resolve and load one by one at every start
 * (`stepwise --help` 2.8 → 0.8 s, median of five on the busy 2-core machine).
 */
const inlined = new Set(['kysely', 'zod']);
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !inlined.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/** Build dist/cli.js when it is missing or older than a source (or always, with force). */
export async function ensureServerBuild({ force = false } = {}) {
  const built = statSync(outFile, { throwIfNoEntry: false });
  if (!force && built && built.mtimeMs >= newestSource()) return false;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    sourcemap: 'linked',
    write: false,
    outfile: outFile,
    logLevel: 'warning',
  });
  // Several processes may build at once (tests start many): each writes its own files and
  // renames them into place, so a reader always sees a whole bundle.
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  const built = await ensureServerBuild({ force });
  console.log(built ? 'server: built dist/cli.js' : 'server: dist/cli.js is up to date');
}
