import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Measured } from './load.ts';
import type { Phase } from './phases.ts';
import { resultsDir } from './settings.ts';

/** One target of the table, judged on this run's figures. */
export interface Check {
  target: string;
  actual: string;
  /** null when the scenario could not run (e.g. the endpoint is not there yet). */
  met: boolean | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  app?: Measured;
  bare?: Measured;
  /** For scenarios that are not HTTP loads (data set build): a rate to show instead of req/s. */
  rate?: { app: number; bare?: number; unit: string };
  /** The headline ratio: app ÷ bare req/s, or for latency targets app ÷ bare time. */
  ratio?: { label: string; value: number };
  figures?: Record<string, number | string>;
  checks: Check[];
  notes: string[];
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);

export function check(target: string, actual: string, met: boolean | null): Check {
  return { target, actual, met };
}

const rateCell = (n: number | undefined, unit: string | undefined) =>
  n === undefined ? '—' : `${fmt(n, 0)} ${unit ?? ''}`.trim();

const verdict = (c: Check) => (c.met === null ? 'n/a' : c.met ? 'met' : 'MISSED');

/** The table as Markdown: one row per scenario, the bare baseline beside the app. */
export function markdownTable(results: readonly ScenarioResult[]): string {
  const head =
    '| scenario | app req/s | app p50 ms | app p99 ms | bare req/s | bare p50 ms | bare p99 ms | ratio | target → this run |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---|';
  const rows = results.map((r) => {
    const a = r.app;
    const b = r.bare;
    const appRate = a ? fmt(a.requestsPerSecond, 0) : rateCell(r.rate?.app, r.rate?.unit);
    const bareRate = b ? fmt(b.requestsPerSecond, 0) : rateCell(r.rate?.bare, r.rate?.unit);
    const ratio = r.ratio ? `${fmt(r.ratio.value, 2)} (${r.ratio.label})` : '—';
    const checks = r.checks.map((c) => `${c.target}: ${c.actual} **${verdict(c)}**`).join('<br>');
    return `| ${r.title} | ${appRate} | ${fmt(a?.p50, 2)} | ${fmt(a?.p99, 2)} | ${bareRate} | ${fmt(b?.p50, 2)} | ${fmt(b?.p99, 2)} | ${ratio} | ${checks || '—'} |`;
  });
  return [head, ...rows].join('\n');
}

/** The same table for a terminal: fixed-width columns, targets on their own lines. */
export function consoleTable(results: readonly ScenarioResult[]): string {
  const cols = ['scenario', 'app r/s', 'p50', 'p99', 'bare r/s', 'p50', 'p99', 'ratio'];
  const widths = [44, 9, 8, 8, 9, 8, 8, 8];
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  const out = [line(cols), '-'.repeat(widths.reduce((a, b) => a + b + 1, 0))];
  for (const r of results) {
    out.push(
      line([
        r.title.slice(0, widths[0]),
        r.app ? fmt(r.app.requestsPerSecond, 0) : fmt(r.rate?.app, 0),
        fmt(r.app?.p50, 2),
        fmt(r.app?.p99, 2),
        r.bare ? fmt(r.bare.requestsPerSecond, 0) : fmt(r.rate?.bare, 0),
        fmt(r.bare?.p50, 2),
        fmt(r.bare?.p99, 2),
        r.ratio ? fmt(r.ratio.value, 2) : '—',
      ]),
    );
    for (const c of r.checks) out.push(`    ${verdict(c).padEnd(6)} ${c.target}: ${c.actual}`);
    for (const n of r.notes) out.push(`    note   ${n}`);
  }
  return out.join('\n');
}

export interface RunInfo {
  command: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  phases: Phase[];
  settings: Record<string, unknown>;
  machine: { cpus: number; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
}

export function writeResults(run: RunInfo, results: readonly ScenarioResult[]): string {
  const file = join(resultsDir, 'latest.json');
  writeFileSync(
    file,
    JSON.stringify({ ...run, results, table: markdownTable(results) }, null, 2) + '\n',
  );
  return file;
}

export const loadAverage = () => loadavg().map((n) => Math.round(n * 100) / 100);
