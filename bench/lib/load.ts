import autocannon from 'autocannon';

/** What one bounded load run measured: successful answers only, latencies in ms. */
export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  mean: number;
  /** 2xx answers, other answers by status, and socket errors/timeouts. */
  ok: number;
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
  connections: number;
  /** 2xx answers during the unrecorded warm-up (to reconcile writes with what was stored). */
  warmupOk: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A fresh body per request (e.g. a new idempotency id), or none. */
  body?: () => string;
  /** Seconds of unrecorded load first (same connections), so JIT and caches are warm. */
  warmupSeconds?: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One autocannon run of warm-up + measured seconds on the same connections; only answers that
 * arrive after the warm-up count. (Separate warm-up and measured instances would close and
 * reopen every connection mid-load, leaving the server to work off requests nobody waits for.)
 */
export function load(spec: LoadSpec): Promise<Measured> {
  const warmupMs = (spec.warmupSeconds ?? 2) * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let warmupOk = 0;
  let measuring = false;
  const body = spec.body;
  const request: autocannon.Request = {
    method: spec.method ?? 'GET',
    path: spec.path,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...spec.headers,
    },
    // autocannon rebuilds a request that has setupRequest before every send: a fresh body each.
    ...(body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) } : {}),
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds + warmupMs / 1000,
        requests: [request],
        timeout: 30,
      },
      (err, result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const sorted = Float64Array.from(latencies).sort();
        const ok = latencies.length;
        resolve({
          requestsPerSecond: ok / spec.seconds,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          mean: ok ? latencies.reduce((a, b) => a + b, 0) / ok : NaN,
          ok,
          statuses,
          errors: result.errors,
          seconds: spec.seconds,
          connections: spec.connections,
          warmupOk,
        });
      },
    );
    instance.once('start', () => {
      setTimeout(() => (measuring = true), warmupMs).unref();
    });
    // Latencies as autocannon times them (hrtime, fractional ms), kept for 2xx answers only.
    instance.on('response', (_client, status: number, _bytes: number, ms: number) => {
      const ok = status >= 200 && status < 300;
      if (!measuring) {
        if (ok) warmupOk++;
        return;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (ok) latencies.push(ms);
    });
  });
}

/** A one-line account of what was not a success, for notes and failures. */
export function failures(m: Measured): string {
  const bad = Object.entries(m.statuses).filter(([s]) => !s.startsWith('2'));
  const parts = bad.map(([s, n]) => `${n}× ${s}`);
  if (m.errors) parts.push(`${m.errors} socket errors`);
  return parts.join(', ');
}
