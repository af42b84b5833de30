import { DomainError } from './errors.ts';

/**
 * The client's calendar. A date that means "the client's day" is a 'YYYY-MM-DD' string; an
 * instant is a `Date` (or an ISO string). Day arithmetic is done on day numbers, never on
 * instants, so a DST switch can never make a day vanish or repeat.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  withTime: boolean,
): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' as const }
          : {}),
      });
    } catch {
      throw new DomainError('timeZone', `"${timeZone}" is not a known IANA time zone.`);
    }
    cache.set(timeZone, f);
  }
  return f;
}

function parts(f: Intl.DateTimeFormat, ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

function toMs(instant: Date | string, field: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new DomainError(field, 'Expected a valid date and time.');
  return ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian civil date (Hinnant's `days_from_civil`). */
function epochDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number (Hinnant's `civil_from_days`). */
function civil(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return epochDay(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - epochDay(y, m, 1);
}

/** The day number of a 'YYYY-MM-DD' date; throws DomainError(field) when it is not one. */
export function dayNumber(date: string, field = 'date'): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (m === null) throw new DomainError(field, 'Expected a date written as YYYY-MM-DD.');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new DomainError(field, `${date} is not a date that exists.`);
  }
  return epochDay(y, mo, d);
}

/** The 'YYYY-MM-DD' date of a day number (the inverse of `dayNumber`). */
export function fromDayNumber(days: number): string {
  return civil(days);
}

/** True when `s` is strictly 'YYYY-MM-DD' and names a day that exists (2026-02-29 does not). */
export function isValidDate(s: string): boolean {
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

/** True when `tz` is an IANA time zone this runtime knows (e.g. 'America/Toronto'). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    formatter(dateFormatters, tz, false);
    return true;
  } catch {
    return false;
  }
}

/** The client's calendar day ('YYYY-MM-DD') at `instant` in `timeZone`. */
export function localDate(instant: Date | string, timeZone: string): string {
  const ms = toMs(instant, 'instant');
  const offset = steadyOffset(ms, timeZone);
  if (offset !== null) return civil(Math.floor((ms + offset) / DAY_MS));
  const p = parts(formatter(dateFormatters, timeZone, false), ms);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * Asking Intl for every instant's date is most of a dashboard's CPU, yet a zone's UTC offset
 * changes a few times a year. So the offset is looked up once per zone and six-hour UTC span
 * (at both ends of the span) and reused; a span whose ends differ holds a change, and its
 * instants go to Intl one by one. This is exact as long as no zone changes its offset twice,
 * and back, within six hours — which no time zone rule does.
 */
const spanMs = 6 * 3_600_000;
const spanOffsets = new Map<string, Map<number, number | null>>();

function steadyOffset(ms: number, timeZone: string): number | null {
  const span = Math.floor(ms / spanMs);
  let zone = spanOffsets.get(timeZone);
  if (zone === undefined) spanOffsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(span);
  if (offset === undefined) {
    const start = span * spanMs;
    const first = offsetAt(start, timeZone);
    offset = first === offsetAt(start + spanMs - 1, timeZone) ? first : null;
    if (zone.size >= 10_000) zone.clear();
    zone.set(span, offset);
  }
  return offset;
}

/** `date` moved by `n` whole days (calendar arithmetic; time zones and DST play no part). */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new DomainError('days', 'Expected a whole number of days.');
  return civil(dayNumber(date) + n);
}

/** b − a in whole days (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Day of the week of `date`: 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The Monday that starts the ISO week (Monday–Sunday) holding `date`. */
export function startOfIsoWeek(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** The UTC offset (local wall clock minus UTC, in ms) of `timeZone` at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(formatter(wallFormatters, timeZone, true), ms);
  const wall =
    epochDay(p.year ?? 0, p.month ?? 0, p.day ?? 0) * DAY_MS +
    ((p.hour ?? 0) * 3600 + (p.minute ?? 0) * 60 + (p.second ?? 0)) * 1000;
  // Offsets are whole seconds; drop the instant's milliseconds, which the wall clock lacks.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The UTC instant at which the local day `date` begins in `timeZone`: its first instant whose
 * local date is `date`. Usually local midnight; when midnight is skipped by a DST jump, the
 * moment of the jump. E.g. America/Toronto 2026-03-08 → 05:00Z, 2026-03-09 → 04:00Z.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const wallMidnight = dayNumber(date) * DAY_MS;
  const isStart = (ms: number): boolean =>
    localDate(new Date(ms), timeZone) === date && localDate(new Date(ms - 1), timeZone) !== date;
  // Every offset in force within a day either side is a candidate; the earliest that lands
  // on the day's first instant wins (midnight can occur twice when clocks fall back at 01:00).
  const offsets = new Set<number>();
  for (const h of [-36, -14, 0, 14, 36])
    offsets.add(
      steadyOffset(wallMidnight + h * 3_600_000, timeZone) ??
        offsetAt(wallMidnight + h * 3_600_000, timeZone),
    );
  let best: number | null = null;
  for (const off of offsets) {
    const candidate = wallMidnight - off;
    if (isStart(candidate) && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) return new Date(best);
  // No candidate fits (an unusual jump): search for the first instant of the day.
  let lo = wallMidnight - 30 * 3_600_000;
  let hi = wallMidnight + 30 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(new Date(mid), timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/**
 * The client's wall clock at `instant`: their day and the minutes since its midnight as the
 * clock shows them. On the day clocks spring forward the minutes jump (01:59 → 03:00), and on
 * the day they fall back an hour repeats: rules that say "at 08:00 local" compare wall minutes
 * and key their once-a-day work by the date, so neither makes a day's reminder vanish or repeat.
 */
export function localClock(
  instant: Date | string,
  timeZone: string,
): { date: string; minutes: number } {
  const p = parts(formatter(wallFormatters, timeZone, true), toMs(instant, 'instant'));
  return {
    date: `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
    minutes: (p.hour ?? 0) * 60 + (p.minute ?? 0),
  };
}
