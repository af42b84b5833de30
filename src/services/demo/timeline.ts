import type { Kysely } from 'kysely';
import { addDays, localDate, startOfLocalDay } from '../../domain/calendar.ts';
import type { Database } from '../../store/schema.ts';

/** Six months of one client's days, in their time zone, ending today. */
export const demoDays = 182;

export class Timeline {
  readonly today: string;
  private readonly starts = new Map<number, number>();
  constructor(
    readonly now: Date,
    readonly timeZone: string,
    /** The client's last day with any activity (silent clients stop early). */
    readonly lastActiveDay: number = demoDays,
  ) {
    this.today = localDate(now, timeZone);
  }

  /** Day `i` (0 = six months ago, `demoDays` = today) as a local date. */
  date(i: number): string {
    return addDays(this.today, i - demoDays);
  }

  dayOf(t: number): number {
    return Math.round(t * demoDays);
  }

  /** The instant of `hour:minute` local time on day `i`. */
  at(i: number, hour: number, minute = 0): Date {
    let start = this.starts.get(i);
    if (start === undefined) {
      start = startOfLocalDay(this.date(i), this.timeZone).getTime();
      this.starts.set(i, start);
    }
    return new Date(start + (hour * 60 + minute) * 60_000);
  }

  /** True for instants that have already happened (today's evening may not have). */
  past(d: Date): boolean {
    return d.getTime() <= this.now.getTime();
  }
}

/** Insert many rows in a few statements (well under either engine's bound-parameter limit). */
export async function insertAll<T extends keyof Database & string>(
  trx: Kysely<Database>,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
  }
}
