import type { Doc } from './charts.ts';
import { heading, para, width } from './pdf-layout.ts';
import { gasSection, goalSection, questionnairesSection } from './pdf-sections.ts';
import { day, pdfText } from './pdf-text.ts';
import type { ReportData } from './report-data.ts';

/**
 * The progress report as a PDF (US Letter, as paper in Ontario clinics is): the client and
 * period, the therapist's summary, each goal with its chart, steps and practice adherence, the
 * PHQ-9 and GAD-7 with severity bands and reliable change, and the GAS T-score. Built from
 * `ReportData` only, which holds no journal entry and no clinician-only note.
 */
export async function renderProgressPdf(data: ReportData, now: Date): Promise<Buffer> {
  // pdfkit (with its fonts) takes ~0.4 s to load: only when a report is asked for, not at start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 54, bottom: 54, left: 54, right: 54 },
    bufferPages: true,
    lang: 'en-CA',
    displayTitle: true,
    info: {
      Title: pdfText(`Progress report: ${data.client.name}`),
      Author: pdfText(data.preparedBy),
      Subject: pdfText(`${day(data.period.from)} to ${day(data.period.to)}`),
      Creator: 'Stepwise',
      CreationDate: now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, data);
  summary(doc, data);
  heading(doc, 'Goals');
  if (data.goals.length === 0) para(doc, 'No goals were set.');
  data.goals.forEach((g, i) => goalSection(doc, g, i + 1, data.period));
  questionnairesSection(doc, data);
  gasSection(doc, data);
  footers(doc, data);
  doc.end();
  return done;
}

function header(doc: Doc, d: ReportData): void {
  doc.font('Helvetica').fontSize(9).fillColor('#444444').text(pdfText(d.clinic));
  doc.fillColor('#1a1a1a').font('Helvetica-Bold').fontSize(20).text('Progress report');
  doc.moveDown(0.3);
  const rows: [string, string][] = [
    ['Client', d.client.name + (d.client.location ? ` (${d.client.location})` : '')],
    ['Period', `${day(d.period.from)} to ${day(d.period.to)}`],
    ['Therapist', d.therapist ?? 'not assigned'],
    ['Prepared by', `${d.preparedBy} on ${day(d.generatedOn)}`],
  ];
  for (const [k, v] of rows) {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${k}: `), { continued: true });
    doc.font('Helvetica').text(pdfText(v));
  }
}

function summary(doc: Doc, d: ReportData): void {
  heading(doc, 'Therapist summary');
  if (!d.summary?.text) para(doc, 'No summary was written for this report.');
  else para(doc, d.summary.text);
}

/** Page numbers and a confidentiality line on every page, written once all pages exist. */
function footers(doc: Doc, d: ReportData): void {
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
        pdfText(`Confidential: ${d.client.name}, progress report. Page ${i + 1} of ${range.count}`),
        doc.page.margins.left,
        doc.page.height - 36,
        { width: width(doc), align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}
