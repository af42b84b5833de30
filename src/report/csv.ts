import { localDate } from '../domain/calendar.ts';
import type { CorrectionIndex } from '../domain/corrections.ts';
import { instruments } from '../domain/instruments/index.ts';
import type { ClientRecord } from '../store/exports.ts';

export type Cell = string | number | boolean | null | undefined;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula — starting with
 * = + - @, or a tab or carriage return that some spreadsheets skip before one — gets a leading
 * apostrophe (OWASP "CSV injection"): client-written notes are untrusted input, and clinicians
 * open these files in spreadsheets. Numbers are ours and left as they are.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV file: CRLF line ends (RFC 4180) and a UTF-8 byte-order mark, without which
 * spreadsheet programs misread accented names.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Check-ins, oldest first, with the measure, any accepted corrected value, and who entered it. */
export function checkInsCsv(record: ClientRecord, corrections: CorrectionIndex): string {
  const measures = new Map(record.measures.map((m) => [m.id, m]));
  const rows = record.checkIns.map((c) => {
    const m = measures.get(c.measure_id);
    const value = corrections.get('check-in', c.id, 'value');
    const note = corrections.get('check-in', c.id, 'note');
    return [
      c.id,
      c.at,
      c.local_date,
      m?.name,
      m?.kind,
      m?.unit,
      c.value,
      value ? Number(value.corrected) : null,
      c.note,
      note ? String(note.corrected) : null,
      c.entered_by === record.client.userId ? 'client' : 'staff',
    ];
  });
  return toCsv(
    [
      'check_in_id',
      'at_utc',
      'local_date',
      'measure',
      'kind',
      'unit',
      'value',
      'corrected_value',
      'note',
      'corrected_note',
      'entered_by',
    ],
    rows,
  );
}

/** PHQ-9 and GAD-7 responses, oldest first: total, band, caseness, risk flag and each item. */
export function questionnairesCsv(record: ClientRecord): string {
  const items = Math.max(...Object.values(instruments).map((i) => i.items.length));
  const rows = record.responses.map((r) => {
    const instrument = instruments[r.instrument];
    const answers = JSON.parse(r.answers) as number[];
    return [
      r.id,
      r.completed_at,
      localDate(r.completed_at, record.client.timeZone),
      instrument.shortTitle,
      Number(r.total),
      r.severity,
      Number(r.total) >= instrument.casenessCutoff,
      Number(r.risk_flag) === 1,
      ...Array.from({ length: items }, (_, i) => answers[i] ?? null),
    ];
  });
  return toCsv(
    [
      'response_id',
      'completed_at_utc',
      'local_date',
      'instrument',
      'total',
      'severity',
      'caseness',
      'risk_flag',
      ...Array.from({ length: items }, (_, i) => `item_${i + 1}`),
    ],
    rows,
  );
}
