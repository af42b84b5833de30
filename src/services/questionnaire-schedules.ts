import { randomUUID } from 'node:crypto';
import {
  scheduleBody,
  type DueView,
  type InstrumentName,
  type ScheduleView,
} from '../contract/questionnaires.ts';
import { localDate } from '../domain/calendar.ts';
import { instruments } from '../domain/instruments/index.ts';
import { questionnaireDue } from '../domain/questionnaire-schedule.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import { findVisibleClient } from '../store/scope.ts';
import type { Store } from '../store/db.ts';
import {
  lastCompleted,
  listSchedules,
  scheduleRule,
  upsertSchedule,
  type ScheduleRow,
} from '../store/questionnaires.ts';
import { sessionDatesFrom } from '../store/therapy-sessions.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function presentSchedule(r: ScheduleRow): ScheduleView {
  const every = r.kind === 'every';
  return {
    instrument: r.instrument,
    kind: r.kind,
    everyDays: every ? r.every_days : null,
    daysBefore: every ? null : r.days_before,
    startDate: r.start_date,
    active: r.active === 1,
  };
}

/**
 * `PUT …/questionnaire-schedules/:instrument`: one schedule per instrument, replaced whole.
 * Without `startDate`, a new schedule starts today (the client's day); a changed one keeps its
 * own. A `before-session` schedule's `startDate` only records when it was first set.
 */
export async function putSchedule(
  store: Store,
  ctx: Ctx,
  clientId: string,
  instrument: InstrumentName,
  input: unknown,
): Promise<ScheduleView> {
  const client = await findVisibleClient(store.db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  const body = parse(scheduleBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    const current = (await listSchedules(trx, clientId)).find((s) => s.instrument === instrument);
    const row: ScheduleRow = {
      id: current?.id ?? randomUUID(),
      client_id: clientId,
      instrument,
      kind: body.kind,
      every_days: body.everyDays ?? 0,
      days_before: body.daysBefore ?? null,
      start_date: body.startDate ?? current?.start_date ?? localDate(ctx.now, client.time_zone),
      active: body.active ? 1 : 0,
      created_by: current?.created_by ?? ctx.actorId,
      created_at: current?.created_at ?? ctx.now.toISOString(),
    };
    await upsertSchedule(trx, row);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'questionnaire.schedule',
        clientId,
        resource: `client/${clientId}/questionnaire-schedules/${instrument}`,
      },
    ]);
    return presentSchedule(row);
  });
}

/** `GET …/questionnaires/due`: what the client should answer today, in their time zone. */
export async function dueQuestionnaires(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<DueView> {
  return store.db.transaction().execute(async (trx) => {
    const client = await findVisibleClient(trx, ctx.actor, clientId);
    if (!client) throw notFound('client');
    const today = localDate(ctx.now, client.time_zone);
    const [schedules, last, sessions] = await Promise.all([
      listSchedules(trx, clientId),
      lastCompleted(trx, ctx.actor, clientId),
      sessionDatesFrom(trx, clientId, today),
    ]);
    const rows = schedules.map((s) => {
      const lastAt = last.get(s.instrument) ?? null;
      const status = questionnaireDue(
        scheduleRule(s),
        today,
        lastAt === null ? null : localDate(lastAt, client.time_zone),
        sessions,
      );
      return { schedule: s, lastAt, status };
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'questionnaire.due', clientId, resource: `client/${clientId}/questionnaires/due` },
    ]);
    return {
      today,
      due: rows
        .filter((r) => r.status.due)
        .map((r) => ({
          instrument: r.schedule.instrument,
          title: instruments[r.schedule.instrument].shortTitle,
          dueOn: r.status.dueOn!,
          sessionDate: r.status.sessionDate,
          lastCompletedAt: r.lastAt,
        })),
      schedules: rows.map((r) => ({
        ...presentSchedule(r.schedule),
        dueOn: r.status.dueOn,
        sessionDate: r.status.sessionDate,
        lastCompletedAt: r.lastAt,
      })),
    };
  });
}
