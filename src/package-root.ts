import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Stepwise's package.json: found by walking up from this module, so files
 * shipped beside the code (web/dist, data lists) are found the same way whether the code runs
 * from src/ (tests, `npm run dev`) or from the bundle in dist/ (`stepwise …`).
 */
export const packageRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
