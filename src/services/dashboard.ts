import type { Kysely } from 'kysely';
import type { ClientDashboardRow, ClientSummary, InstrumentSnapshot } from '../contract/clients.ts';
import { daysBetween, localDate } from '../domain/calendar.ts';
import { caseloadStatus, compareCaseload } from '../domain/caseload.ts';
import type { InstrumentId } from '../domain/instruments/index.ts';
import { instrumentOutcome } from '../domain/outcomes.ts';
import { goalProgress } from '../domain/progress.ts';
import { reliabilityOf } from '../domain/rci.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import { dashboardFacts } from '../store/dashboard.ts';
import { upcomingSessions } from '../store/therapy-sessions.ts';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../store/scope.ts';

type Facts = Awaited<ReturnType<typeof dashboardFacts>>;
const DAY = 86_400_000;

function snapshot(id: InstrumentId, rows: Facts['responses']): InstrumentSnapshot | null {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return null;
  const o = instrumentOutcome(id, first.total, last.total);
  return {
    first: first.total,
    latest: last.total,
    change: o.change,
    severity: last.severity,
    completedAt: last.completed_at,
    reliableImprovement: o.reliableImprovement,
    reliableDeterioration: o.reliableDeterioration,
  };
}

/**
 * The caseload dashboard: each visible client with alerts, latest PHQ-9/GAD-7 and reliable
 * change, goals on/off track, last check-in, next session and the main measure's last 28 days — most urgent
 * first (risk above all).
 */
export async function caseloadRows(
  db: Kysely<Database>,
  actor: Actor,
  clients: readonly ClientSummary[],
  now: Date,
): Promise<ClientDashboardRow[]> {
  const since = new Date(now.getTime() - 29 * DAY).toISOString();
  const ids = clients.map((c) => c.id);
  // Each client's "today" differs by time zone: fetch from the earliest, pick per client below.
  const earliestToday = clients.map((c) => localDate(now, c.timeZone)).sort()[0] ?? '';
  const [facts, settings, upcoming] = await Promise.all([
    dashboardFacts(db, actor, ids, since),
    clinicSettings(db, actor.clinicId),
    upcomingSessions(db, ids, earliestToday),
  ]);
  const pointsByMeasure = new Map<string, { at: string; value: number }[]>();
  for (const c of facts.checkIns) {
    const list = pointsByMeasure.get(c.measure_id) ?? [];
    list.push({ at: c.at, value: c.value });
    pointsByMeasure.set(c.measure_id, list);
  }

  const rows = clients.map((client): ClientDashboardRow => {
    const today = localDate(now, client.timeZone);
    const alerts = { risk: 0, deterioration: 0, offTrack: 0, silence: 0 };
    for (const a of facts.alerts.filter((x) => x.client_id === client.id)) {
      const key = a.kind === 'off-track' ? 'offTrack' : a.kind;
      alerts[key] += Number(a.n);
    }
    const responses = facts.responses.filter((r) => r.client_id === client.id);
    const phq9 = snapshot(
      'phq9',
      responses.filter((r) => r.instrument === 'phq9'),
    );
    const gad7 = snapshot(
      'gad7',
      responses.filter((r) => r.instrument === 'gad7'),
    );
    const next = upcoming.find((s) => s.client_id === client.id && s.date >= today);
    const lastAt = facts.lastCheckIns.find((l) => l.client_id === client.id)?.last_at ?? null;

    const goals = facts.goals
      .filter((g) => g.client_id === client.id)
      .sort(
        (a, b) =>
          (a.priority ?? 100) - (b.priority ?? 100) || a.created_at.localeCompare(b.created_at),
      );
    const measured = goals.flatMap((g) =>
      g.measure_id && g.better
        ? [
            {
              g,
              progress: goalProgress({
                baseline: g.baseline,
                target: g.target,
                better: g.better,
                startAt: g.target_set_at ?? g.created_at,
                dueDate: g.due_date,
                timeZone: client.timeZone,
                now,
                points: pointsByMeasure.get(g.measure_id) ?? [],
                ...(g.kind ? { kind: g.kind } : {}),
                reliability: reliabilityOf(g),
              }),
            },
          ]
        : [],
    );
    const main = measured[0];
    const daily = new Map<string, number[]>();
    for (const p of main ? (pointsByMeasure.get(main.g.measure_id!) ?? []) : []) {
      const day = localDate(p.at, client.timeZone);
      if (daysBetween(day, today) < 28) daily.set(day, [...(daily.get(day) ?? []), p.value]);
    }

    const status = caseloadStatus({
      openAlerts: alerts,
      reliableDeterioration: Boolean(phq9?.reliableDeterioration || gad7?.reliableDeterioration),
      reliableImprovement: Boolean(phq9?.reliableImprovement || gad7?.reliableImprovement),
      goalsOffTrack: measured.filter((m) => m.progress.offTrack).length,
      daysSinceCheckIn: lastAt ? daysBetween(localDate(lastAt, client.timeZone), today) : null,
      silenceDays: settings.silenceDays,
      trends: measured.map((m) => m.progress.trend.direction),
      hasData: lastAt !== null || responses.length > 0,
    });

    return {
      ...client,
      status,
      alerts,
      lastCheckInAt: lastAt,
      nextSession: next
        ? {
            id: next.id,
            date: next.date,
            therapist: { id: next.therapist_id, name: next.therapist_name },
          }
        : null,
      phq9,
      gad7,
      goals: {
        active: goals.length,
        onTrack: measured.filter((m) => m.progress.onTrack === true).length,
        offTrack: measured.filter((m) => m.progress.offTrack === true).length,
      },
      main: main
        ? {
            goalId: main.g.id,
            title: main.g.title,
            measureName: main.g.measure_name!,
            unit: main.g.unit,
            better: main.g.better!,
            latest: main.progress.latest?.value ?? null,
            average7: main.progress.average7,
            average28: main.progress.average28,
            slopePerWeek: main.progress.trend.slopePerWeek,
            direction: main.progress.trend.direction,
            sparkline: [...daily.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([date, values]) => ({
                date,
                value: Math.round((100 * values.reduce((s, v) => s + v, 0)) / values.length) / 100,
              })),
          }
        : null,
    };
  });
  return rows.sort(compareCaseload);
}
