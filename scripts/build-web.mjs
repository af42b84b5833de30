#!/usr/bin/env node
// Builds the web app into web/dist with Vite, and prints the gzipped size of the JavaScript a
// browser loads first (the entry and the chunks it preloads; budget 150 KB). `npm start` runs
// this first and it does nothing while web/dist is newer than every source it is built from;
// `npm run build` (--force) always builds.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist');
const budgetKb = 150;
const force = process.argv.includes('--force');

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return max;
}

const sources = [
  'web/src',
  'web/public',
  'web/index.html',
  'src/contract',
  'src/domain',
  'vite.config.ts',
  'package.json',
];
const indexFile = join(dist, 'index.html');
if (!force && existsSync(indexFile) && statSync(indexFile).mtimeMs >= newest(sources)) {
  console.log('web: web/dist is up to date');
  process.exit(0);
}

const { build } = await import('vite');
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

// Precompress text files; the server sends the .gz to browsers that accept gzip.
const files = [];
const walk = (p) => {
  for (const e of readdirSync(p, { withFileTypes: true })) {
    const full = join(p, e.name);
    if (e.isDirectory()) walk(full);
    else files.push(full);
  }
};
walk(dist);
for (const f of files) {
  if (/\.(js|css|html|svg|json)$/.test(f))
    writeFileSync(`${f}.gz`, gzipSync(readFileSync(f), { level: 9 }));
}

// First load: the entry script and the modules index.html preloads.
const html = readFileSync(indexFile, 'utf8');
const first = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
].map((m) => m[1]);
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const firstKb = first.reduce((n, f) => n + gz(f), 0) / 1024;
const allJs = files.filter((f) => f.endsWith('.js'));
const allKb = allJs.reduce((n, f) => n + gz(relative(dist, f)), 0) / 1024;
const cssKb =
  files.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(relative(dist, f)), 0) / 1024;
console.log(
  `web: built web/dist — first load ${firstKb.toFixed(1)} KB gzipped JS (budget ${budgetKb} KB; ` +
    `${first.length} file${first.length === 1 ? '' : 's'}), all ${allJs.length} JS chunks ${allKb.toFixed(1)} KB, CSS ${cssKb.toFixed(1)} KB`,
);
if (firstKb > budgetKb) {
  console.error(`web: the first load is over its ${budgetKb} KB budget`);
  process.exit(1);
}
