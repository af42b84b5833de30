/**
 * Text for the report's PDF. The report uses the PDF standard fonts (Helvetica), which need no
 * font files and extract cleanly as text, but only cover Windows-1252 (Latin-1 plus typographic
 * punctuation). Common symbols are spelled out; anything else becomes "?" rather than a wrong
 * glyph. Names in other scripts need an embedded font — a known limit, noted in docs/API.md.
 */

// The characters Windows-1252 has in 0x80–0x9F, which the standard fonts can draw.
const cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const replacements: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '−': '-',
  '→': '->',
  '←': '<-',
  '✓': 'x',
  '✔': 'x',
  '≠': '!=',
  '×': 'x',
  '\u2009': ' ',
  '\u202f': ' ',
};

/** `s` with every character the standard fonts cannot draw spelled out or replaced by "?". */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += ch;
    else if (cp1252Extras.has(ch)) out += ch;
    else if (ch === '\t' || ch === '\r') out += ' ';
    else out += replacements[ch] ?? '?';
  }
  return out;
}

/** A number as the report prints it: up to 2 decimals, no trailing zeros. */
export function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** `2026-03-01` → `1 Mar 2026`: unambiguous in Canada, where both day orders are in use. */
export function day(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}
