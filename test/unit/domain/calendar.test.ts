import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dayNumber,
  daysBetween,
  fromDayNumber,
  isValidDate,
  isValidTimeZone,
  localDate,
  startOfIsoWeek,
  startOfLocalDay,
  weekday,
} from '../../../src/domain/calendar.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const HOUR = 3_600_000;
// Day numbers from 1900-01-01 to 2100-12-31.
const anyDate = fc.integer({ min: -25_567, max: 47_846 }).map(fromDayNumber);

describe('localDate', () => {
  it.each([
    ['2026-03-08T04:30:00Z', 'America/Toronto', '2026-03-07'], // 23:30 EST, the night before DST
    ['2026-03-09T03:30:00Z', 'America/Toronto', '2026-03-08'], // 23:30 EDT, the night after
    ['2026-11-01T03:30:00Z', 'America/Toronto', '2026-10-31'], // 23:30 EDT
    ['2026-11-02T04:30:00Z', 'America/Toronto', '2026-11-01'], // 23:30 EST
    ['2026-11-01T05:30:00Z', 'America/Toronto', '2026-11-01'], // 01:30, first time
    ['2026-11-01T06:30:00Z', 'America/Toronto', '2026-11-01'], // 01:30, second time
    ['2026-01-01T00:00:00Z', 'UTC', '2026-01-01'],
    ['2025-12-31T18:29:59Z', 'Asia/Kolkata', '2025-12-31'],
    ['2025-12-31T18:30:00Z', 'Asia/Kolkata', '2026-01-01'],
    ['2026-06-30T23:59:59.999Z', 'Pacific/Kiritimati', '2026-07-01'],
    ['2026-07-01T11:00:00Z', 'Pacific/Pago_Pago', '2026-07-01'],
    ['2026-07-01T10:59:59Z', 'Pacific/Pago_Pago', '2026-06-30'],
  ])('%s in %s is %s', (instant, tz, expected) => {
    expect(localDate(instant, tz)).toBe(expected);
    expect(localDate(new Date(instant), tz)).toBe(expected);
  });

  it('refuses an unknown time zone and an invalid instant, naming the field', () => {
    expect(() => localDate('2026-01-01T00:00:00Z', 'Mars/Olympus')).toThrowError(DomainError);
    try {
      localDate('2026-01-01T00:00:00Z', 'Mars/Olympus');
    } catch (e) {
      expect((e as DomainError).field).toBe('timeZone');
    }
    expect(() => localDate('not a date', 'UTC')).toThrowError(/valid date/);
    expect(() => localDate(new Date(NaN), 'UTC')).toThrowError(DomainError);
  });

  it('agrees with Intl everywhere, DST changes and odd offsets included', () => {
    const zones = [
      'America/Toronto',
      'America/St_Johns', // −3:30 / −2:30
      'Australia/Lord_Howe', // a half-hour DST shift
      'Asia/Kathmandu', // +5:45
      'Pacific/Chatham', // +12:45 / +13:45
      'Pacific/Apia', // skipped 2011-12-30 entirely
      'Europe/London',
      'America/Sao_Paulo',
    ];
    const intl = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(ms);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('1970-01-01'), max: Date.parse('2100-01-01') }),
        (zone, ms) => {
          expect(localDate(new Date(ms), zone)).toBe(intl(ms, zone));
        },
      ),
      { numRuns: 2000 },
    );
    // Every minute around this year's transitions, where a wrong cached offset would show.
    for (const [zone, around] of [
      ['America/Toronto', '2026-03-08T07:00:00Z'],
      ['America/Toronto', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Pacific/Chatham', '2026-09-26T14:00:00Z'],
    ] as const) {
      const t = Date.parse(around);
      for (let ms = t - 14 * HOUR; ms <= t + 14 * HOUR; ms += 60_000)
        expect(localDate(new Date(ms), zone), `${zone} ${new Date(ms).toISOString()}`).toBe(
          intl(ms, zone),
        );
    }
  });

  it('agrees with the UTC date of the instant in UTC', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1901-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          expect(localDate(d, 'UTC')).toBe(d.toISOString().slice(0, 10));
        },
      ),
    );
  });

  it('gives every local day at least one hour across the Toronto DST switches', () => {
    for (const [from, to] of [
      ['2026-03-06T00:00:00Z', '2026-03-11T00:00:00Z'],
      ['2026-10-30T00:00:00Z', '2026-11-04T00:00:00Z'],
    ] as const) {
      const seen: string[] = [];
      for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
        const d = localDate(new Date(t), 'America/Toronto');
        if (seen.at(-1) !== d) seen.push(d);
      }
      for (let i = 1; i < seen.length; i++) {
        expect(daysBetween(seen[i - 1] as string, seen[i] as string)).toBe(1);
      }
      expect(seen.length).toBe(6);
    }
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['America/Toronto', true],
    ['Europe/London', true],
    ['UTC', true],
    ['Asia/Kolkata', true],
    ['Mars/Olympus', false],
    ['', false],
    ['+05:00', false],
    ['Toronto', false],
  ])('%s → %s', (tz, ok) => {
    expect(isValidTimeZone(tz)).toBe(ok);
  });
});

describe('isValidDate', () => {
  it.each([
    ['2026-03-08', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00:00Z', false],
    [' 2026-01-01', false],
    ['', false],
    ['2026/01/01', false],
  ])('%j → %s', (s, ok) => {
    expect(isValidDate(s)).toBe(ok);
  });

  it('accepts exactly the dates that Date round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const js = new Date(`${s}T00:00:00Z`);
          const roundTrips = !Number.isNaN(js.getTime()) && js.toISOString().slice(0, 10) === s;
          expect(isValidDate(s)).toBe(roundTrips);
        },
      ),
    );
  });
});

describe('addDays, daysBetween, weekday', () => {
  it.each([
    ['2026-03-07', 1, '2026-03-08'],
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-10-31', 1, '2026-11-01'],
    ['2026-11-01', 1, '2026-11-02'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-31', -31, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-05-05', 0, '2026-05-05'],
  ])('%s + %i = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it.each([
    ['2026-03-08', 0],
    ['2026-03-09', 1],
    ['2026-03-11', 3],
    ['2026-03-14', 6],
    ['1970-01-01', 4],
    ['2000-01-01', 6],
  ])('weekday(%s) = %i', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it('startOfIsoWeek is the Monday on or before the date', () => {
    expect(startOfIsoWeek('2026-03-08')).toBe('2026-03-02');
    expect(startOfIsoWeek('2026-03-09')).toBe('2026-03-09');
    expect(startOfIsoWeek('2026-03-11')).toBe('2026-03-09');
  });

  it('matches Date arithmetic in UTC', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000);
        expect(addDays(date, n)).toBe(expected.toISOString().slice(0, 10));
        expect(weekday(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(addDays(a, daysBetween(a, b))).toBe(b);
        // (A sum, not negation: -0 and 0 differ under Object.is when a equals b.)
        expect(daysBetween(b, a) + daysBetween(a, b)).toBe(0);
        expect(fromDayNumber(dayNumber(a))).toBe(a);
      }),
    );
  });

  it('refuses invalid dates and fractional days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrowError(DomainError);
    expect(() => addDays('2026-02-01', 1.5)).toThrowError(DomainError);
    expect(() => daysBetween('2026-02-01', 'tomorrow')).toThrowError(DomainError);
    expect(() => weekday('')).toThrowError(DomainError);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-03-07', 'America/Toronto', '2026-03-07T05:00:00.000Z', 24],
    ['2026-03-08', 'America/Toronto', '2026-03-08T05:00:00.000Z', 23],
    ['2026-03-09', 'America/Toronto', '2026-03-09T04:00:00.000Z', 24],
    ['2026-11-01', 'America/Toronto', '2026-11-01T04:00:00.000Z', 25],
    ['2026-11-02', 'America/Toronto', '2026-11-02T05:00:00.000Z', 24],
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z', 23],
    ['2026-10-25', 'Europe/London', '2026-10-24T23:00:00.000Z', 25],
    ['2026-01-01', 'Asia/Kolkata', '2025-12-31T18:30:00.000Z', 24],
    ['2026-06-15', 'UTC', '2026-06-15T00:00:00.000Z', 24],
    // Chile springs forward at midnight: the day starts at 01:00 local, the moment of the jump.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z', 23],
  ])('%s in %s starts at %s and lasts %i h', (date, tz, expected, hours) => {
    const start = startOfLocalDay(date, tz);
    expect(start.toISOString()).toBe(expected);
    const next = startOfLocalDay(addDays(date, 1), tz);
    expect((next.getTime() - start.getTime()) / HOUR).toBe(hours);
  });

  it('is the first instant of the local day, in any of several zones', () => {
    const zones = [
      'America/Toronto',
      'America/Santiago',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'America/St_Johns',
    ];
    const recentDate = fc.integer({ min: 16_436, max: 23_741 }).map(fromDayNumber); // 2015–2034
    fc.assert(
      fc.property(recentDate, fc.constantFrom(...zones), (date, tz) => {
        const start = startOfLocalDay(date, tz);
        expect(localDate(start, tz)).toBe(date);
        expect(localDate(new Date(start.getTime() - 1), tz)).toBe(addDays(date, -1));
      }),
    );
  });
});
