/**
 * Builds the SQLite network in a process of its own, so it runs beside the PostgreSQL build
 * (better-sqlite3 is synchronous: in the runner it would hold up everything else).
 * `node --import tsx bench/data/sqlite-build-process.ts <file> <scale> <baseline seconds>`;
 * progress on stderr, the build's figures and phases as JSON on stdout.
 */
import { hashPassword } from '../../src/services/passwords.ts';
import { exportPhases } from '../lib/phases.ts';
import { benchPassword, buildNetwork, shapeFor } from './network.ts';
import { buildSqlite } from './sqlite-builder.ts';

const [file, scale, seconds] = process.argv.slice(2);
if (!file || !scale || !seconds) throw new Error('usage: <file> <scale> <baseline seconds>');
const net = buildNetwork(shapeFor(Number(scale)), await hashPassword(benchPassword), new Date());
const build = await buildSqlite(file, net, Number(seconds), (line) =>
  process.stderr.write(`[sqlite build] ${line}\n`),
);
process.stdout.write(JSON.stringify({ build, ...exportPhases() }));
