/**
 * The client's weekly summary (a Stepwise design decision): what was done, in plain words, and
 * one encouraging line that is true of the numbers. After a week with nothing logged it offers a
 * fresh start instead of showing a broken streak — a missed stretch is common and not a failure.
 */

export type TrendWord = 'improving' | 'worsening' | 'flat' | 'unknown';

export interface WeekInput {
  /** Practice completions on the last 7 local days. */
  practicesDone: number;
  practices: readonly { title: string; streak: number }[];
  goals: readonly { title: string; trend: TrendWord }[];
  /** Distinct local days of the last 7 with a check-in. */
  checkInDays: number;
}

export interface WeekSummary {
  title: string;
  lines: string[];
  encouragement: string;
  freshStart: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const trendWords: Record<TrendWord, string> = {
  improving: 'moving in the right direction',
  flat: 'holding steady',
  worsening: 'a harder stretch lately — worth talking over in your next session',
  unknown: 'not enough check-ins yet to see a trend',
};

export function weeklySummary(week: WeekInput): WeekSummary {
  const freshStart = week.practicesDone === 0 && week.checkInDays === 0;
  const lines: string[] = [];
  if (!freshStart) {
    lines.push(
      `Practices done: ${week.practicesDone}.`,
      `Days you checked in: ${week.checkInDays} of 7.`,
    );
    for (const p of week.practices)
      if (p.streak >= 2) lines.push(`${p.title}: ${p.streak} in a row.`);
  }
  for (const g of week.goals) lines.push(`${g.title}: ${trendWords[g.trend]}.`);
  return {
    title: freshStart ? 'A fresh start this week' : 'Your week in Stepwise',
    lines,
    encouragement: encouragement(week, freshStart),
    freshStart,
  };
}

function encouragement(week: WeekInput, freshStart: boolean): string {
  if (freshStart)
    return 'Weeks like this happen. A new week is a fresh start: one small step today counts, even a two-minute check-in.';
  const best = [...week.practices].sort((a, b) => b.streak - a.streak)[0];
  if (best && best.streak >= 3)
    return `You kept “${best.title}” going ${best.streak} times in a row. That is how habits form.`;
  const improving = week.goals.find((g) => g.trend === 'improving');
  if (improving) return `“${improving.title}” is moving the right way. Your effort is showing.`;
  if (week.practicesDone > 0)
    return `You practised ${plural(week.practicesDone, 'time', 'times')} this week. Every one counts.`;
  return `You checked in on ${plural(week.checkInDays, 'day', 'days')} this week. That keeps your plan honest.`;
}
