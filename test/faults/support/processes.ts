import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The real `stepwise` command, as an operator runs it. */
export const stepwiseBin = join(import.meta.dirname, '../../../bin/stepwise.js');

/** Children still running, so a failed test never leaves a server behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  /** `http://127.0.0.1:PORT` */
  url: string;
  pid: number;
  /** The last lines the server wrote, for failure messages. */
  logs(): string;
  /** Every line the server wrote that matches. */
  linesMatching(pattern: RegExp): string[];
  exited: Promise<Exit>;
  /** SIGKILL: no shutdown hook runs, exactly as when the machine or the OOM killer ends it. */
  kill(): Promise<Exit>;
  /** SIGTERM, the way an orchestrator stops it; waits for the exit. */
  stop(): Promise<Exit>;
}

/** Collect the child's output as lines (stdout and stderr), up to 100,000 of them. */
function collectLines(child: ChildProcess, lines: string[]): void {
  let partial = '';
  const add = (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    if (lines.length > 100_000) lines.splice(0, lines.length - 100_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * `stepwise serve` in its own process on 127.0.0.1, on `databaseUrl`. Resolves once
 * `/healthz` answers 200; rejects (with the server's last log lines) if it exits or takes
 * longer than `startTimeoutMs`.
 */
export async function startServer(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [stepwiseBin, 'serve', '--port', String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  collectLines(child, lines);
  const exited = exitOf(child).then((e) => {
    running.delete(child);
    return e;
  });
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    pid: child.pid!,
    logs: () => lines.slice(-200).join('\n'),
    linesMatching: (pattern) => lines.filter((l) => pattern.test(l)),
    exited,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let dead = false;
  void exited.then(() => (dead = true));
  while (Date.now() < deadline && !dead) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  const exit = await exited;
  throw new Error(
    `stepwise serve on ${options.databaseUrl.replace(/\/\/[^@/]*@/, '//')} did not become healthy ` +
      `(exit ${JSON.stringify(exit)}):\n${lines.slice(-200).join('\n')}`,
  );
}

export interface CliResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Run one `stepwise …` command to completion (killed after `timeoutMs`). */
export function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [stepwiseBin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
