#!/usr/bin/env node
// The `stepwise` command. The sources are TypeScript, run through tsx's loader: no build step
// between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
