#!/usr/bin/env node
// The `stepwise` command. The sources are TypeScript; this runs their compiled bundle,
// dist/cli.js, which scripts/build-server.mjs (esbuild, well under a second) makes first
// whenever it is missing or older than a source: no build step between `npm install` and use.
import { ensureServerBuild } from '../scripts/build-server.mjs';

await ensureServerBuild();
await import('../dist/cli.js');
