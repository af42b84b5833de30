import { randomUUID } from 'node:crypto';
import { buildClinic, type TestClinic } from '../../support/factories.ts';
import type { PrivateDatabase } from './databases.ts';
import { type Answer, type HttpSession, signIn } from './http.ts';

/** One check-in as sent, and what (if anything) came back. */
export interface Sent {
  id: string;
  body: CheckInBody;
  /** When the request left, and when its answer arrived (ms since the epoch). */
  sentAt: number;
  answeredAt?: number;
  status?: number;
  answer?: unknown;
  /** The network error when no answer came back (the server died, say). */
  failure?: string;
}

export interface CheckInBody {
  id: string;
  measureId: string;
  value: number;
  at?: string;
  note?: string;
}

export interface Scene {
  clinic: TestClinic;
  measureId: string;
  goalId: string;
}

/** A clinic in the database, and a goal with a count measure made through the server. */
export async function seedScene(db: PrivateDatabase, serverUrl: string): Promise<Scene> {
  const store = db.open();
  let clinic: TestClinic;
  try {
    clinic = await buildClinic(store);
  } finally {
    await store.close();
  }
  const therapist = await signIn(serverUrl, clinic.therapist);
  const goal = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
    title: 'Walk every day',
    status: 'active',
    measure: { name: 'Walks', kind: 'count', better: 'higher' },
  });
  if (goal.status !== 201) throw new Error(`create goal: ${goal.status} ${goal.text}`);
  const { id, measureId } = goal.json as { id: string; measureId: string };
  return { clinic, measureId, goalId: id };
}

/** A fresh check-in body: half carry `at` (a few seconds back), some a unicode note. */
export function newCheckIn(measureId: string, n: number): CheckInBody {
  return {
    id: randomUUID(),
    measureId,
    value: n % 50,
    ...(n % 2 === 0 ? { at: new Date(Date.now() - 5_000).toISOString() } : {}),
    ...(n % 3 === 0 ? { note: `note ${n} — ça va 🙂` } : {}),
  };
}

export function postCheckIn(s: HttpSession, clientId: string, body: CheckInBody): Promise<Answer> {
  return s.post(`/api/clients/${clientId}/check-ins`, body);
}

/**
 * `concurrency` loops, each sending check-ins one after another until `stop()` says so. Every
 * request is in the ledger before it leaves, so nothing sent is forgotten whatever happens to
 * the server.
 */
export async function runWriters(options: {
  session: HttpSession;
  clientId: string;
  measureId: string;
  concurrency: number;
  stop: () => boolean;
  ledger: Sent[];
}): Promise<void> {
  const { session, clientId, measureId, ledger } = options;
  let n = 0;
  const writer = async () => {
    while (!options.stop()) {
      const body = newCheckIn(measureId, n++);
      const sent: Sent = { id: body.id, body, sentAt: Date.now() };
      ledger.push(sent);
      try {
        const res = await postCheckIn(session, clientId, body);
        sent.status = res.status;
        sent.answer = res.json ?? res.text;
      } catch (err) {
        sent.failure = String((err as Error).cause ?? err);
        // A dead server refuses at once: don't spin while the test notices.
        await new Promise((r) => setTimeout(r, 20));
      }
      sent.answeredAt = Date.now();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, writer));
}

export const acknowledged = (ledger: readonly Sent[]) =>
  ledger.filter((s) => s.status !== undefined && s.status >= 200 && s.status < 300);
export const unanswered = (ledger: readonly Sent[]) => ledger.filter((s) => s.status === undefined);
export const refused = (ledger: readonly Sent[]) =>
  ledger.filter((s) => s.status !== undefined && (s.status < 200 || s.status >= 300));
