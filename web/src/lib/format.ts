import { locale } from '../i18n/index.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** An instant, shown in the client's time zone (not the viewer's), as the design asks. */
export function formatDateTime(iso: string, timeZone: string): string {
  return fmt(`dt|${timeZone}`, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

export function formatTime(iso: string, timeZone: string): string {
  return fmt(`t|${timeZone}`, { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A calendar day `YYYY-MM-DD` (already the client's day): no zone shift. */
export function formatDay(day: string): string {
  return fmt('day', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** The calendar day of an instant in a zone, `YYYY-MM-DD`. */
export function dayIn(instant: Date | string, timeZone: string): string {
  const parts = fmt(`ymd|${timeZone}`, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from `a` to `b`, both `YYYY-MM-DD`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function formatNumber(n: number, digits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

export function formatPercent(n: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n) + '%';
}
