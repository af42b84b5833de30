import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Served {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from the ready path. */
  readyMs: number;
  /** Resident memory now and at its peak (VmRSS, VmHWM), in MB. */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

/** A free loopback port, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakRssMb: NaN };
  }
}

/**
 * Spawn a Node process that serves HTTP on 127.0.0.1:`port`, wait until `readyPath` answers
 * 200 (polled every 10 ms, at most `timeoutMs`), and hand back a way to stop it. Its output
 * goes to `<logDir>/<name>.log`.
 */
export async function serve(opts: {
  name: string;
  args: string[];
  port: number;
  env: NodeJS.ProcessEnv;
  logDir: string;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<Served> {
  // The child writes its log straight to the file: never through this process, which is busy
  // generating load and would otherwise hold up the server's (synchronous) log writes.
  const log = openSync(join(opts.logDir, `${opts.name}.log`), 'w');
  const started = performance.now();
  const child = spawn(process.execPath, opts.args, { env: opts.env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = started + (opts.timeoutMs ?? 60_000);
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${opts.name} exited (${child.exitCode ?? child.signalCode}); see its log`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.name} did not answer ${opts.readyPath ?? '/healthz'} in time`);
    }
    try {
      const res = await fetch(url + (opts.readyPath ?? '/healthz'));
      await res.arrayBuffer();
      ready = res.status === 200;
    } catch {
      // not listening yet
    }
    if (!ready) await sleep(10);
  }
  const readyMs = performance.now() - started;
  const pid = child.pid!;
  return {
    name: opts.name,
    url,
    pid,
    readyMs,
    memory: () => memoryOf(pid),
    stop: () => stop(child, exited),
  };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Run a Node command to completion (e.g. `stepwise user add`) and return its stdout. Its
 * stderr is kept for the error, or with `showStderr` passed through as it comes (progress).
 */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  showStderr = false,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdio = ['ignore', 'pipe', showStderr ? 'inherit' : 'pipe'] as const;
    const child = spawn(process.execPath, args, { env, stdio: [...stdio] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} failed: ${err || out}`)),
    );
  });
}
