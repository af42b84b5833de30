import { join } from 'node:path';
import { call, signIn, type BenchSession } from '../lib/session.ts';
import { runNode } from '../lib/processes.ts';
import { repoDir } from '../lib/settings.ts';
import { queryRows } from '../lib/query.ts';
import { benchClinicSettings, benchPassword } from './network.ts';

export interface SmallClinic {
  therapistEmail: string;
  clientEmail: string;
}

/**
 * A therapist and a client, made the way an operator does: `stepwise user add` (which also
 * migrates the database) — before the server starts.
 */
export async function createSmallClinic(databaseUrl: string): Promise<SmallClinic> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, STEPWISE_PASSWORD: benchPassword };
  const cli = join(repoDir, 'bin', 'stepwise.js');
  const clinic = {
    therapistEmail: 'theo@bench.example',
    clientEmail: 'cleo@bench.example',
  };
  await runNode(
    [cli, 'user', 'add', '--role', 'therapist', '--email', clinic.therapistEmail, '--name', 'Theo'],
    env,
  );
  await runNode(
    [
      cli,
      'user',
      'add',
      '--role',
      'client',
      '--email',
      clinic.clientEmail,
      '--name',
      'Cleo',
    ].concat(['--therapist', clinic.therapistEmail]),
    env,
  );
  // The clinic `user add` made keeps its defaults except what the bench needs.
  const [row] = await queryRows<{ id: string; settings: string }>(
    databaseUrl,
    'select id, settings from clinics',
  );
  if (row) {
    const settings = { ...(JSON.parse(row.settings) as object), ...benchClinicSettings };
    await queryRows(databaseUrl, 'update clinics set settings = ? where id = ?', [
      JSON.stringify(settings),
      row.id,
    ]);
  }
  return clinic;
}

/**
 * Through the running app: the therapist writes a goal with a new 0–10 measure for the client;
 * the client signs in. What a check-in load needs: the client's session and ids.
 */
export async function clientWithMeasure(
  baseUrl: string,
  clinic: SmallClinic,
): Promise<{ session: BenchSession; clientId: string; measureId: string }> {
  const therapist = await signIn(baseUrl, clinic.therapistEmail, benchPassword);
  const client = await signIn(baseUrl, clinic.clientEmail, benchPassword);
  const clientId = client.user.clientId;
  if (!clientId) throw new Error('the client account has no clientId');
  const goal = await call<{ measureId?: string }>(
    baseUrl,
    therapist,
    'POST',
    `/api/clients/${clientId}/goals`,
    {
      title: 'Feel calmer on weekdays',
      status: 'active',
      measure: { name: 'Anxiety', kind: 'scale', better: 'lower' },
      baseline: 7,
      target: 3,
    },
  );
  if (!goal.measureId) throw new Error('the goal came back without a measureId');
  return { session: client, clientId, measureId: goal.measureId };
}

/** A check-in body as a phone sends it: a fresh idempotency id every time. */
export function checkInBody(measureId: string): () => string {
  return () =>
    JSON.stringify({
      id: crypto.randomUUID(),
      measureId,
      value: Math.floor(Math.random() * 11),
    });
}
