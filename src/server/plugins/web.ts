import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot } from '../../package-root.ts';
import { sendProblem } from '../problem.ts';

/** Where `npm run build` (scripts/build-web.mjs) writes the web app. */
export const webDist = join(packageRoot, 'web', 'dist') + sep;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The build writes a `.gz` beside each text file; we send it when the browser takes gzip.
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest']);

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function sendFile(
  req: FastifyRequest,
  reply: FastifyReply,
  path: string,
  cache: string,
): Promise<FastifyReply> {
  const ext = extname(path);
  void reply.header('content-type', types[ext] ?? 'application/octet-stream');
  void reply.header('cache-control', cache);
  if (compressible.has(ext)) {
    void reply.header('vary', 'accept-encoding');
    const accepts = String(req.headers['accept-encoding'] ?? '');
    if (/\bgzip\b/.test(accepts) && (await fileExists(`${path}.gz`))) {
      void reply.header('content-encoding', 'gzip');
      return reply.send(await readFile(`${path}.gz`));
    }
  }
  return reply.send(await readFile(path));
}

function safeDecode(path: string): string {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? '/' : decoded;
  } catch {
    return '/';
  }
}

/**
 * Serve the built single-page app from the same origin as the API. Hashed files under
 * `/assets/` are cached for a year; any other GET that is not under /api/ and names no file
 * gets index.html, so the client-side router can take deep links. The security headers
 * (CSP `script-src 'self'; style-src 'self'`) come from the security plugin as on every answer.
 */
export function webPlugin(app: FastifyInstance, root: string = webDist): void {
  const indexPath = join(root, 'index.html');

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = safeDecode(req.url.split('?')[0] ?? '/');
    if (path === '/api' || path.startsWith('/api/')) {
      return sendProblem(reply, 404, 'not-found', `There is nothing at ${req.method} ${path}.`);
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root.endsWith(sep) ? root : root + sep) && (await fileExists(file))) {
      const immutable = path.startsWith('/assets/');
      return sendFile(
        req,
        reply,
        file,
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    }
    // A missing hashed asset is a real 404, not the app: a stale tab asked for an old build.
    if (path.startsWith('/assets/') || !(await fileExists(indexPath))) {
      return sendProblem(
        reply,
        404,
        'not-found',
        (await fileExists(indexPath))
          ? `There is nothing at ${path}.`
          : 'The web app is not built. Run `npm run build` (npm start does it for you).',
      );
    }
    return sendFile(req, reply, indexPath, 'no-cache');
  };

  app.get('/*', handler);
}
