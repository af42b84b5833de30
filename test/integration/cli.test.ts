import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { openStore } from '../../src/store/db.ts';
import { demoCensus, expectDemoStories } from '../support/demo-census.ts';
import { Session } from '../support/http.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/stepwise.js');

function stepwise(args: string[], env: Record<string, string>) {
  return run(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
}

describe('stepwise CLI (real processes, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
  const env = { DATABASE_URL: join(dir, 'clinic.db'), STEPWISE_PASSWORD: 'a long enough password' };

  it('adds accounts that print one line of JSON and can log in', async () => {
    const admin = await stepwise(
      ['user', 'add', '--role', 'admin', '--email', 'Boss@Example.org', '--name', 'Boss'],
      env,
    );
    const adminJson = JSON.parse(admin.stdout.trim());
    expect(adminJson).toEqual({ id: expect.any(String), role: 'admin', email: 'boss@example.org' });

    await stepwise(
      [
        'user',
        'add',
        '--role',
        'therapist',
        '--email',
        't@example.org',
        '--name',
        'Tess',
        '--location',
        'Whitby',
      ],
      env,
    );
    const client = JSON.parse(
      (
        await stepwise(
          [
            'user',
            'add',
            '--role',
            'client',
            '--email',
            'c@example.org',
            '--name',
            'Cal',
            '--therapist',
            't@example.org',
            '--timezone',
            'America/Vancouver',
          ],
          env,
        )
      ).stdout,
    );
    expect(client).toEqual({
      id: expect.any(String),
      role: 'client',
      email: 'c@example.org',
      clientId: expect.any(String),
    });
    expect(client.clientId).not.toBe(client.id);

    const store = openStore(env.DATABASE_URL);
    const app = buildApp({ store });
    try {
      const s = new Session(app);
      const res = await s.login({ email: 'c@example.org' }, env.STEPWISE_PASSWORD);
      expect(res.json().user).toEqual({
        id: client.id,
        role: 'client',
        name: 'Cal',
        clientId: client.clientId,
      });
      const list = (await s.get('/api/clients')).json();
      expect(list.clients[0]).toMatchObject({
        id: client.clientId,
        timeZone: 'America/Vancouver',
        location: null,
      });
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('refuses bad input with a message naming the option, and stores nothing', async () => {
    const failed = await stepwise(
      [
        'user',
        'add',
        '--role',
        'client',
        '--email',
        'x@example.org',
        '--name',
        'X',
        '--therapist',
        'nobody@example.org',
      ],
      env,
    ).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/therapist/);
    const db = new SQLite(env.DATABASE_URL, { readonly: true });
    expect(
      db.prepare("select count(*) as n from users where email = 'x@example.org'").get(),
    ).toEqual({ n: 0 });
    db.close();
    const dup = await stepwise(
      ['user', 'add', '--role', 'admin', '--email', 'boss@example.org', '--name', 'Again'],
      env,
    ).catch((e: { code: number; stderr: string }) => e);
    expect((dup as { stderr: string }).stderr).toMatch(/already exists/);
  });

  it('backs up a consistent copy and verifies the audit chain', async () => {
    const target = join(dir, 'backup.db');
    await stepwise(['backup', target], env);
    expect(existsSync(target)).toBe(true);
    const copy = new SQLite(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('select count(*) as n from users').get() as { n: number }).n).toBe(3);
    copy.close();
    const verify = await stepwise(['audit', 'verify'], env);
    expect(verify.stdout).toMatch(/intact: \d+ sealed events verified/);
  });

  it('fills the demo clinic with six months of stories, and runs again without duplicating anything', async () => {
    const demoEnv = { DATABASE_URL: join(dir, 'demo.db') };
    const first = await stepwise(['demo'], demoEnv);
    expect(first.stdout).toMatch(/The Insight Clinic.*six months of data for 5 clients/);
    const store = openStore(demoEnv.DATABASE_URL);
    const census = await demoCensus(store.db).finally(() => store.close());
    expectDemoStories(census, new Date());
    const second = await stepwise(['demo'], demoEnv);
    expect(second.stdout).not.toMatch(/six months/);
    const again = openStore(demoEnv.DATABASE_URL);
    expect(await demoCensus(again.db).finally(() => again.close())).toEqual(census);
    const db = new SQLite(demoEnv.DATABASE_URL, { readonly: true });
    const names = db.prepare('select name from locations order by name').all();
    expect(names).toEqual([{ name: 'Barrie' }, { name: 'Whitby' }]);
    const clinic = db.prepare('select name from clinics').all();
    expect(clinic).toEqual([{ name: 'The Insight Clinic' }]);
    db.close();
  }, 90_000); // real processes; the demo writes six months of data (≈ 5 s idle, far more on a busy machine)
  it('serves with the scheduled jobs running, and stops them cleanly on SIGTERM', async () => {
    const url = join(dir, 'serve.db');
    const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      let jobs: { name: string; last_run_at: string | null }[] = [];
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 200));
        if (!existsSync(url)) continue;
        const db = new SQLite(url, { readonly: true, fileMustExist: true });
        try {
          jobs = db
            .prepare('select name, last_run_at from jobs order by name')
            .all() as typeof jobs;
        } catch {
          jobs = []; // not migrated yet
        } finally {
          db.close();
        }
        if (jobs.length === 9 && jobs.every((j) => j.last_run_at)) break;
      }
      expect(jobs.map((j) => j.name)).toEqual([
        'audit-seal',
        'housekeeping',
        'off-track',
        'reminders',
        'risk-escalation',
        'silence',
        'sustain-slip',
        'therapist-digest',
        'weekly-summary',
      ]);
      expect(jobs.every((j) => j.last_run_at !== null)).toBe(true);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
