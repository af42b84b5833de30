import { reliabilityOf } from '../domain/rci.ts';
import { randomUUID } from 'node:crypto';
import {
  createSessionBody,
  digestQuery,
  patchSessionBody,
  type DigestView,
  type SessionView,
} from '../contract/sessions.ts';
import { addDays, daysBetween, localDate, startOfLocalDay } from '../domain/calendar.ts';
import { dueForReview } from '../domain/lifecycle.ts';
import { goalProgress } from '../domain/progress.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import type { Role } from '../store/schema.ts';
import { findVisibleClientId, visibleClientTimeZone } from '../store/scope.ts';
import {
  digestFacts,
  findSessionRow,
  sessionsOfClient,
  type SessionRow,
} from '../store/therapy-sessions.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

/** The clinician-only note is left out entirely for a client, not blanked. */
function present(s: SessionRow, role: Role): SessionView {
  return {
    id: s.id,
    clientId: s.client_id,
    therapist: { id: s.therapist_id, name: s.therapist_name },
    date: s.date,
    ...(role === 'client' ? {} : { clinicianNote: s.clinician_note }),
    createdAt: s.created_at,
  };
}

export async function listSessions(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<SessionView[]> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await findVisibleClientId(trx, ctx.actor, clientId))) throw notFound('client');
    const rows = await sessionsOfClient(trx, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'therapy-session.list', clientId, resource: `client/${clientId}/sessions` },
    ]);
    return rows.map((r) => present(r, ctx.actor.role));
  });
}

export async function createSession(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<SessionView> {
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const body = parse(createSessionBody, input, 'body');
  const id = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('therapy_sessions')
      .values({
        id,
        client_id: clientId,
        therapist_id: ctx.actorId,
        date: body.date,
        clinician_note: body.clinicianNote ?? null,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'therapy-session.create', clientId, resource: `session/${id}` },
    ]);
  });
  return present((await findSessionRow(store.db, id))!, ctx.actor.role);
}

export async function patchSession(
  store: Store,
  ctx: Ctx,
  sessionId: string,
  input: unknown,
): Promise<SessionView> {
  const row = await findSessionRow(store.db, sessionId);
  if (!row || !(await findVisibleClientId(store.db, ctx.actor, row.client_id)))
    throw notFound('session');
  const body = parse(patchSessionBody, input, 'body');
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('therapy_sessions')
      .set({
        ...(body.date ? { date: body.date } : {}),
        ...(body.clinicianNote !== undefined ? { clinician_note: body.clinicianNote } : {}),
      })
      .where('id', '=', sessionId)
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'therapy-session.update',
        clientId: row.client_id,
        resource: `session/${sessionId}`,
      },
    ]);
  });
  return present((await findSessionRow(store.db, sessionId))!, ctx.actor.role);
}

/**
 * The pre-session digest: what happened since the last session (or `since`): check-ins, goal
 * trends, steps missed, questionnaires, alerts, shared journal entries and what the client wrote
 * on their goals.
 */
export async function sessionDigest(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<DigestView> {
  const tz = await visibleClientTimeZone(store.db, ctx.actor, clientId);
  if (!tz) throw notFound('client');
  const q = parse(digestQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    const today = localDate(ctx.now, tz);
    const sessions = await sessionsOfClient(trx, clientId);
    const past = sessions.filter((s) => s.date < today);
    const lastSession = past[past.length - 1] ?? null;
    const nextSession = sessions.find((s) => s.date >= today) ?? null;
    const sinceDate = q.since ?? lastSession?.date ?? addDays(today, -14);
    const since = startOfLocalDay(sinceDate, tz).toISOString();
    // Trends need up to 28 days even when the last session was recent.
    const window = startOfLocalDay(addDays(today, -28), tz).toISOString();
    const f = await digestFacts(trx, ctx.actor, clientId, since < window ? since : window);
    const inPeriod = <T extends { created_at: string }>(rows: T[]) =>
      rows.filter((r) => r.created_at >= since);
    const recentCheckIns = f.checkIns.filter((c) => c.at >= since);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'client.digest', clientId, resource: `client/${clientId}/digest` },
    ]);
    return {
      since: sinceDate,
      lastSession: lastSession ? present(lastSession, ctx.actor.role) : null,
      nextSession: nextSession ? present(nextSession, ctx.actor.role) : null,
      checkIns: {
        count: recentCheckIns.length,
        days: new Set(recentCheckIns.map((c) => c.local_date)).size,
      },
      goals: f.goals.map((g) => {
        const progress =
          g.measure_id && g.better
            ? goalProgress({
                baseline: g.baseline,
                target: g.target,
                better: g.better,
                startAt: g.target_set_at ?? g.created_at,
                dueDate: g.due_date,
                timeZone: tz,
                now: ctx.now,
                points: f.checkIns.filter((c) => c.measure_id === g.measure_id),
                ...(g.kind ? { kind: g.kind } : {}),
                reliability: reliabilityOf(g),
              })
            : null;
        const steps = f.steps.filter((s) => s.goal_id === g.id);
        return {
          id: g.id,
          title: g.title,
          status: g.status,
          latest: progress?.latest?.value ?? null,
          average7: progress?.average7 ?? null,
          direction: progress?.trend.direction ?? 'unknown',
          onTrack: progress?.onTrack ?? null,
          stepsDone: steps.filter((s) => s.done_at !== null && s.done_at >= since).length,
          stepsMissed: steps
            .filter((s) => s.done_at === null && s.due_date !== null && s.due_date < today)
            .map((s) => ({ id: s.id, title: s.title, dueDate: s.due_date! })),
          reviewDate: g.review_date,
        };
      }),
      dueForReview: f.goals
        .filter((g) =>
          dueForReview({ status: g.status, reviewDate: g.review_date }, nextSession?.date ?? today),
        )
        .map((g) => ({
          goalId: g.id,
          title: g.title,
          status: g.status,
          reviewDate: g.review_date!,
          daysOverdue: daysBetween(g.review_date!, today),
        }))
        .sort((a, b) => b.daysOverdue - a.daysOverdue),
      questionnaires: f.responses.map((r) => ({
        instrument: r.instrument,
        total: r.total,
        severity: r.severity,
        completedAt: r.completed_at,
        riskFlag: r.risk_flag === 1,
      })),
      alerts: f.alerts.map((a) => ({
        id: a.id,
        kind: a.kind,
        severity: a.severity,
        createdAt: a.created_at,
        acknowledgedAt: a.acknowledged_at,
      })),
      sharedJournal: inPeriod(f.journal).map((j) => ({
        id: j.id,
        createdAt: j.created_at,
        mood: j.mood,
        excerpt: j.body.length > 280 ? `${j.body.slice(0, 277)}…` : j.body,
      })),
      comments: inPeriod(f.comments).map((c) => ({
        goalId: c.goal_id,
        goalTitle: c.title,
        author: c.name,
        body: c.body,
        createdAt: c.created_at,
      })),
    };
  });
}
