import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/report/csv.ts';
import { pdfText } from '../../../src/report/pdf-text.ts';

describe('CSV cells', () => {
  it('quotes what RFC 4180 asks and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('defuses text a spreadsheet would run as a formula, not our numbers', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes CRLF lines after a byte-order mark', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

describe('PDF text', () => {
  it('keeps Latin-1 and typographic punctuation, spells out symbols, and marks the rest', () => {
    expect(pdfText('Zoë — “quoted” ≥ 5 → ok')).toBe('Zoë — “quoted” >= 5 -> ok');
    expect(pdfText('李')).toBe('?');
  });
});
