import type { RelapsePlanView } from '../contract/relapse-plan.ts';
import { footers, heading, openPdf, para } from './pdf-layout.ts';
import { day } from './pdf-text.ts';

/**
 * The client's relapse-prevention plan as a PDF to keep: warning signs, what helps, who to
 * contact, their notes, and the clinic's crisis resources — readable after therapy ends.
 */
export async function renderRelapsePlanPdf(p: {
  plan: RelapsePlanView;
  clientName: string;
  clinicName: string;
  today: string;
  now: Date;
}): Promise<Buffer> {
  const { plan } = p;
  const { doc, finish } = await openPdf({
    title: `Relapse-prevention plan: ${p.clientName}`,
    author: p.clinicName,
    subject: `As of ${day(p.today)}`,
    now: p.now,
  });
  para(doc, p.clinicName, { size: 9 });
  doc.font('Helvetica-Bold').fontSize(20).text('My relapse-prevention plan');
  para(doc, `${p.clientName}, as of ${day(p.today)}`);
  const list = (title: string, lines: string[], empty: string) => {
    heading(doc, title);
    if (lines.length === 0) para(doc, empty);
    for (const line of lines) para(doc, `- ${line}`);
  };
  list('Early warning signs', plan.warningSigns, 'None written yet.');
  list('What helps', plan.whatHelps, 'None written yet.');
  list(
    'Who to contact',
    plan.contacts.map(
      (c) => `${c.name}${c.role ? ` (${c.role})` : ''}${c.how ? `: ${c.how}` : ''}`,
    ),
    'No one written yet.',
  );
  if (plan.notes) {
    heading(doc, 'Notes');
    para(doc, plan.notes);
  }
  heading(doc, 'In a crisis');
  para(doc, plan.crisisText);
  footers(doc, `Private: ${p.clientName}, relapse-prevention plan`);
  return finish();
}
