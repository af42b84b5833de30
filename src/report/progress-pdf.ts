import type { Doc } from './charts.ts';
import { footers, heading, openPdf, para } from './pdf-layout.ts';
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
  const { doc, finish } = await openPdf({
    title: `Progress report: ${data.client.name}`,
    author: data.preparedBy,
    subject: `${day(data.period.from)} to ${day(data.period.to)}`,
    now,
  });
  header(doc, data);
  summary(doc, data);
  heading(doc, 'Goals');
  if (data.goals.length === 0) para(doc, 'No goals were set.');
  data.goals.forEach((g, i) => goalSection(doc, g, i + 1, data.period));
  questionnairesSection(doc, data);
  gasSection(doc, data);
  footers(doc, `Confidential: ${data.client.name}, progress report`);
  return finish();
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
