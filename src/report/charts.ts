import { day, num, pdfText } from './pdf-text.ts';

/** What pdfkit gives the chart code; the type of a PDFKit document. */
export type Doc = PDFKit.PDFDocument;

export interface ChartOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The period shown: local dates, both included. */
  from: string;
  to: string;
  points: readonly { at: string; value: number }[];
  yMin: number;
  yMax: number;
  /** Labels for the value axis instead of round numbers (a yes/no measure: no, yes). */
  yTicks?: readonly { value: number; label: string }[];
  /** Dashed reference lines (target, baseline), each labelled in words. */
  lines?: readonly { value: number; label: string; dash: [number, number] }[];
  /** Shaded horizontal bands (severity), labelled in words at the right. */
  bands?: readonly { min: number; max: number; label: string }[];
  empty: string;
}

const DAY_MS = 86_400_000;
const ink = '#1a1a1a';
const grid = '#9a9a9a';

/** Round numbers for the value axis: 4 to 6 steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(min: number, max: number): number[] {
  const span = max - min || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= 6) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) ticks.push(v);
  return ticks;
}

/** The top of the value axis: a round number above every value and reference line. */
export function niceMax(values: readonly number[]): number {
  const top = Math.max(1, ...values);
  const ticks = niceTicks(0, top * 1.1);
  return ticks[ticks.length - 1]! >= top ? ticks[ticks.length - 1]! : top;
}

/**
 * A vector line chart of values over the period with labelled reference lines and bands. Every
 * line and band is named in text, so nothing is told by colour alone; the report lists the same
 * values in a table beside each chart.
 */
export function lineChart(doc: Doc, o: ChartOptions): void {
  const labelW = o.bands?.length ? 78 : 0;
  const left = o.x + 34;
  const right = o.x + o.width - labelW;
  const top = o.y + 4;
  const bottom = o.y + o.height - 16;
  const t0 = Date.parse(`${o.from}T00:00:00Z`);
  const t1 = Date.parse(`${o.to}T00:00:00Z`) + DAY_MS;
  const px = (at: string) =>
    left + ((Math.min(Math.max(Date.parse(at), t0), t1) - t0) / (t1 - t0)) * (right - left);
  const py = (v: number) =>
    bottom -
    ((Math.min(Math.max(v, o.yMin), o.yMax) - o.yMin) / (o.yMax - o.yMin || 1)) * (bottom - top);

  doc.save();
  doc.fontSize(7).font('Helvetica');
  (o.bands ?? []).forEach((b, i) => {
    const yTop = py(Math.min(b.max + 0.5, o.yMax));
    const yBottom = py(Math.max(b.min - 0.5, o.yMin));
    doc.rect(left, yTop, right - left, yBottom - yTop).fill(i % 2 === 0 ? '#f1f1f1' : '#e2e2e2');
    doc
      .fillColor(ink)
      .text(pdfText(`${b.label} ${b.min}-${b.max}`), right + 4, (yTop + yBottom) / 2 - 3, {
        width: labelW - 4,
        lineBreak: false,
      });
  });

  doc.lineWidth(0.5).strokeColor(grid);
  const ticks = o.yTicks ?? niceTicks(o.yMin, o.yMax).map((v) => ({ value: v, label: num(v) }));
  for (const t of ticks) {
    doc
      .moveTo(left - 3, py(t.value))
      .lineTo(left, py(t.value))
      .stroke();
    doc.fillColor(ink).text(pdfText(t.label), o.x, py(t.value) - 3, {
      width: 28,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.strokeColor(ink).moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).stroke();
  const mid = new Date((t0 + t1 - DAY_MS) / 2).toISOString().slice(0, 10);
  [
    [o.from, left, 'left'],
    [mid, (left + right) / 2 - 40, 'center'],
    [o.to, right - 80, 'right'],
  ].forEach(([date, x, align]) =>
    doc.text(day(date as string), x as number, bottom + 4, {
      width: 80,
      align: align as 'left' | 'center' | 'right',
      lineBreak: false,
    }),
  );

  for (const line of o.lines ?? []) {
    const y = py(line.value);
    doc.lineWidth(1).strokeColor(ink).dash(line.dash[0], { space: line.dash[1] });
    doc.moveTo(left, y).lineTo(right, y).stroke();
    doc.undash();
    doc.fillColor(ink).text(pdfText(line.label), right - 150, y - 9, {
      width: 148,
      align: 'right',
      lineBreak: false,
    });
  }

  if (o.points.length === 0) {
    doc
      .fontSize(9)
      .fillColor(ink)
      .text(pdfText(o.empty), left + 8, (top + bottom) / 2 - 5, {
        width: right - left - 16,
        align: 'center',
        lineBreak: false,
      });
  } else {
    doc.lineWidth(1.4).strokeColor('#1f4e79');
    o.points.forEach((p, i) => {
      if (i === 0) doc.moveTo(px(p.at), py(p.value));
      else doc.lineTo(px(p.at), py(p.value));
    });
    if (o.points.length > 1) doc.stroke();
    doc.fillColor('#1f4e79');
    for (const p of o.points) doc.circle(px(p.at), py(p.value), 1.8).fill();
  }
  doc.restore();
  doc.fillColor(ink).strokeColor(ink).lineWidth(1);
}
