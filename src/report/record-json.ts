import type { CorrectionView } from '../contract/exports.ts';
import { instruments } from '../domain/instruments/index.ts';
import type { ClientRecord } from '../store/exports.ts';

/** A correction as it shows beside the entry it is about: the original is never replaced. */
export interface EntryCorrection {
  id: string;
  field: string | null;
  status: CorrectionView['status'];
  requested: string;
  requestedAt: string;
  original: unknown;
  corrected: unknown;
  note: string | null;
  resolvedAt: string | null;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * The client's whole record as one JSON document (format `stepwise-record`, version 1): the
 * client's own copy, or a staff export for a formal access request. Journal entries are as
 * loaded — all of them only in the client's own copy. Each entry carries its corrections, each
 * with the original value beside the corrected one.
 */
export function recordJson(p: {
  record: ClientRecord;
  corrections: readonly CorrectionView[];
  scope: 'client-copy' | 'access-request';
  now: Date;
}) {
  const { record } = p;
  const { client } = record;
  const byEntry = new Map<string, EntryCorrection[]>();
  for (const c of p.corrections) {
    const key = `${c.resource}/${c.resourceId}`;
    const list = byEntry.get(key) ?? [];
    list.push({
      id: c.id,
      field: c.field,
      status: c.status,
      requested: c.requested,
      requestedAt: c.requestedAt,
      original: c.original,
      corrected: c.corrected,
      note: c.note,
      resolvedAt: c.resolvedAt,
    });
    byEntry.set(key, list);
  }
  const corrections = (resource: string, id: string) => byEntry.get(`${resource}/${id}`) ?? [];
  const enteredBy = (userId: string) => (userId === client.userId ? 'client' : 'care team');

  const goals = record.goals.map((g) => ({
    id: g.id,
    title: g.title,
    why: g.why,
    status: g.status,
    priority: g.priority,
    parentId: g.parent_id,
    measureId: g.measure_id,
    baseline: g.baseline,
    target: g.target,
    dueDate: g.due_date,
    gas: g.gas_levels
      ? { levels: parse(g.gas_levels), ...(g.gas_weight !== null ? { weight: g.gas_weight } : {}) }
      : null,
    createdAt: g.created_at,
    updatedAt: g.updated_at,
    revisions: record.revisions
      .filter((r) => r.goalId === g.id)
      .map((r) => ({
        entity: r.entity,
        entityId: r.entityId,
        version: r.version,
        at: r.at,
        by: { id: r.by, name: r.byName },
        changes: parse(r.changes),
        reason: r.reason,
      })),
    steps: record.steps
      .filter((s) => s.goal_id === g.id)
      .map((s) => ({
        id: s.id,
        title: s.title,
        dueDate: s.due_date,
        position: s.position,
        done: s.done_at !== null,
        doneAt: s.done_at,
        corrections: corrections('step', s.id),
      })),
    practices: record.practices
      .filter((pr) => pr.goal_id === g.id)
      .map((pr) => ({
        id: pr.id,
        title: pr.title,
        schedule: parse(pr.schedule),
        minutes: pr.minutes,
        startDate: pr.start_date,
        status: pr.status,
        completions: record.completions
          .filter((c) => c.practice_id === pr.id)
          .map((c) => ({ date: c.local_date, at: c.at, minutes: c.minutes })),
        corrections: corrections('practice', pr.id),
      })),
    plans: record.plans
      .filter((pl) => pl.goal_id === g.id)
      .map((pl) => ({
        id: pl.id,
        obstacle: pl.obstacle,
        ifText: pl.if_text,
        thenText: pl.then_text,
        createdAt: pl.created_at,
        updatedAt: pl.updated_at,
        uses: record.planUses
          .filter((u) => u.plan_id === pl.id)
          .map((u) => ({
            id: u.id,
            worked: u.worked,
            at: u.at,
            date: u.local_date,
            checkInId: u.check_in_id,
            // Which journal entry it was marked on is the client's alone (it may be private).
            ...(p.scope === 'client-copy' ? { journalEntryId: u.journal_entry_id } : {}),
            note: u.note,
            enteredBy: enteredBy(u.entered_by),
          })),
      })),
    comments: record.comments
      .filter((c) => c.goalId === g.id)
      .map((c) => ({
        id: c.id,
        author: { id: c.authorId, name: c.authorName, role: c.authorRole },
        body: c.body,
        createdAt: c.createdAt,
        corrections: corrections('comment', c.id),
      })),
    gasRatings: record.gasRatings
      .filter((r) => r.goal_id === g.id)
      .map((r) => ({ level: r.level, ratedAt: r.rated_at })),
    corrections: corrections('goal', g.id),
  }));

  return {
    format: 'stepwise-record',
    version: 1,
    exportedAt: p.now.toISOString(),
    scope: p.scope,
    client: {
      id: client.id,
      name: client.name,
      email: client.email,
      timeZone: client.timeZone,
      clinic: client.clinicName,
      location: client.location?.name ?? null,
      primaryTherapist: client.primaryTherapist,
    },
    measures: record.measures.map((m) => ({
      id: m.id,
      name: m.name,
      kind: m.kind,
      unit: m.unit,
      better: m.better,
    })),
    goals,
    checkIns: record.checkIns.map((c) => ({
      id: c.id,
      measureId: c.measure_id,
      value: c.value,
      at: c.at,
      localDate: c.local_date,
      note: c.note,
      enteredBy: enteredBy(c.entered_by),
      corrections: corrections('check-in', c.id),
    })),
    questionnaires: record.responses.map((r) => ({
      id: r.id,
      instrument: r.instrument,
      title: instruments[r.instrument].shortTitle,
      answers: parse(r.answers),
      total: Number(r.total),
      severity: r.severity,
      riskFlag: Number(r.risk_flag) === 1,
      completedAt: r.completed_at,
      enteredBy: enteredBy(r.entered_by),
      corrections: corrections('questionnaire', r.id),
    })),
    journal: record.journal.map((j) => ({
      id: j.id,
      body: j.body,
      mood: j.mood,
      prompt: j.prompt,
      visibility: j.visibility,
      createdAt: j.created_at,
      updatedAt: j.updated_at,
      corrections: corrections('journal', j.id),
    })),
    corrections: p.corrections,
  };
}

export type RecordJson = ReturnType<typeof recordJson>;
