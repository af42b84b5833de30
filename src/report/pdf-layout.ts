import type { Doc } from './charts.ts';
import { pdfText } from './pdf-text.ts';
import type { Corrected } from './report-data.ts';

/** Layout helpers of the PDFs: the document itself, page room, headings, paragraphs, tables. */

/**
 * A US Letter PDF (as paper in Ontario clinics is) with the standard fonts, and `finish()`,
 * which ends it and resolves to its bytes. pdfkit (with its fonts) takes ~0.4 s to load: only
 * when a PDF is asked for, not at start-up.
 */
export async function openPdf(info: {
  title: string;
  author: string;
  subject: string;
  now: Date;
}): Promise<{ doc: Doc; finish: () => Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 54, bottom: 54, left: 54, right: 54 },
    bufferPages: true,
    lang: 'en-CA',
    displayTitle: true,
    info: {
      Title: pdfText(info.title),
      Author: pdfText(info.author),
      Subject: pdfText(info.subject),
      Creator: 'Stepwise',
      CreationDate: info.now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}

/** A line at the foot of every page (with "Page i of n"), written once all pages exist. */
export function footers(doc: Doc, line: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#444444')
      .text(
        pdfText(`${line}. Page ${i + 1} of ${range.count}`),
        doc.page.margins.left,
        doc.page.height - 36,
        { width: width(doc), align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

export const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Start a new page unless `needed` points still fit on this one. */
export function room(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export function heading(doc: Doc, text: string): void {
  room(doc, 60);
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(14).text(pdfText(text), doc.page.margins.left);
  doc.moveDown(0.2);
}

export function para(doc: Doc, text: string, opts: { bold?: boolean; size?: number } = {}): void {
  doc
    .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(opts.size ?? 10)
    .text(pdfText(text), doc.page.margins.left, doc.y, { width: width(doc) });
}

/** A label and a value that may have been corrected: the original struck through beside it. */
export function correctedLine(doc: Doc, label: string, c: Corrected, bold = false): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 12 : 10);
  const x = doc.page.margins.left;
  if (!c.original) {
    doc.text(pdfText(`${label}${c.text}`), x, doc.y, { width: width(doc) });
    return;
  }
  doc.text(pdfText(`${label}${c.text} `), x, doc.y, { width: width(doc), continued: true });
  doc.font('Helvetica').fontSize(9).text(pdfText('(corrected; was: '), { continued: true });
  doc.text(pdfText(c.original), { strike: true, continued: true });
  doc.text(')', { strike: false });
}

/** A plain table: header in bold, one row per line, light rules between rows. */
export function table(doc: Doc, head: string[], rows: string[][]): void {
  const x0 = doc.page.margins.left;
  const colW = Math.min(150, width(doc) / head.length);
  const row = (cells: string[], bold: boolean) => {
    room(doc, 16);
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((c, i) =>
      doc.text(pdfText(c), x0 + i * colW, y, { width: colW - 6, lineBreak: false }),
    );
    doc
      .moveTo(x0, y + 12)
      .lineTo(x0 + colW * head.length, y + 12)
      .lineWidth(0.3)
      .strokeColor('#9a9a9a')
      .stroke();
    doc.strokeColor('#1a1a1a');
    doc.x = x0;
    doc.y = y + 14;
  };
  row(head, true);
  for (const r of rows) row(r, false);
  doc.moveDown(0.3);
}
