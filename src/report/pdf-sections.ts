import { lineChart, niceMax, type Doc } from './charts.ts';
import { correctedLine, heading, para, room, table, width } from './pdf-layout.ts';
import { day, num } from './pdf-text.ts';
import type { ReportData, ReportGoal, ReportInstrument } from './report-data.ts';

/** The report's sections: each goal with its chart, the questionnaires, and GAS. */

const goalStatus: Record<ReportGoal['status'], string> = {
  proposed: 'proposed',
  active: 'active',
  'on-hold': 'on hold',
  achieved: 'achieved',
  discontinued: 'discontinued',
};

function targetText(g: ReportGoal): string | null {
  if (!g.measure) return g.dueDate ? `Due ${day(g.dueDate)}` : null;
  const unit = g.measure.unit ? ` ${g.measure.unit}` : '';
  const parts = [`Measure: ${g.measure.name} (${g.measure.better} is better)`];
  if (g.target !== null)
    parts.push(`target ${g.measure.better === 'higher' ? '>=' : '<='} ${num(g.target)}${unit}`);
  if (g.baseline !== null) parts.push(`baseline ${num(g.baseline)}${unit}`);
  if (g.dueDate) parts.push(`due ${day(g.dueDate)}`);
  return parts.join('; ');
}

export function goalSection(
  doc: Doc,
  g: ReportGoal,
  n: number,
  period: ReportData['period'],
): void {
  room(doc, 200);
  doc.moveDown(0.5);
  correctedLine(doc, `${n}. `, g.title, true);
  para(doc, `Status: ${goalStatus[g.status]}`);
  if (g.why) correctedLine(doc, 'Why it matters: ', g.why);
  const target = targetText(g);
  if (target) para(doc, target);
  if (g.measure) {
    const latest =
      g.latest === null
        ? 'no check-in in this period'
        : `latest ${num(g.latest)}${g.measure.unit ? ` ${g.measure.unit}` : ''}` +
          (g.percentToTarget !== null ? `, ${num(g.percentToTarget)}% of the way to target` : '');
    para(
      doc,
      `${g.points.length} check-in${g.points.length === 1 ? '' : 's'} in the period; ${latest}.`,
    );
    const refs = [
      ...(g.target !== null
        ? [{ value: g.target, label: `target ${num(g.target)}`, dash: [5, 3] as [number, number] }]
        : []),
      ...(g.baseline !== null
        ? [
            {
              value: g.baseline,
              label: `baseline ${num(g.baseline)}`,
              dash: [1, 2] as [number, number],
            },
          ]
        : []),
    ];
    const yMax =
      g.measure.kind === 'scale'
        ? 10
        : g.measure.kind === 'yesno'
          ? 1
          : niceMax([...g.points.map((p) => p.value), ...refs.map((r) => r.value)]);
    room(doc, 130);
    const y = doc.y + 6;
    lineChart(doc, {
      x: doc.page.margins.left,
      y,
      width: width(doc),
      height: 110,
      from: period.from,
      to: period.to,
      points: g.points,
      yMin: 0,
      yMax,
      lines: refs,
      ...(g.measure.kind === 'yesno'
        ? {
            yTicks: [
              { value: 0, label: 'no' },
              { value: 1, label: 'yes' },
            ],
          }
        : {}),
      empty: 'No check-ins in this period.',
    });
    doc.x = doc.page.margins.left;
    doc.y = y + 118;
  }
  if (g.steps.length) {
    const done = g.steps.filter((s) => s.done).length;
    para(doc, `Steps: ${done} of ${g.steps.length} done`, { bold: true });
    for (const s of g.steps) {
      const mark = s.done ? '[done]' : '[ ]';
      const when =
        s.done && s.doneOn ? ` (${day(s.doneOn)})` : s.dueDate ? ` (due ${day(s.dueDate)})` : '';
      correctedLine(doc, `${mark} `, { ...s.title, text: `${s.title.text}${when}` });
    }
  }
  if (g.practices.length) {
    para(doc, 'Practices', { bold: true });
    for (const p of g.practices) {
      const a = p.adherence;
      const text =
        a.percent === null
          ? 'nothing was due in the period'
          : `${num(a.done)} of ${num(a.expected)} done, adherence ${a.percent}%`;
      correctedLine(doc, '', {
        ...p.title,
        text: `${p.title.text} (${scheduleText(p.schedule)}): ${text}`,
      });
    }
  }
  plansBlock(doc, g);
}

function plansBlock(doc: Doc, g: ReportGoal): void {
  if (!g.plans.length) return;
  para(doc, 'Obstacles and if–then plans', { bold: true });
  for (const p of g.plans) {
    const t = p.tally;
    const used =
      t.uses === 0
        ? 'the obstacle was not marked in the period'
        : `the obstacle came up ${num(t.uses)} time${t.uses === 1 ? '' : 's'}; the plan worked ${num(t.yes)}, partly ${num(t.partly)}, not ${num(t.no)} (${t.workedPercent}%)`;
    para(doc, `${p.obstacle} — ${p.sentence} In the period, ${used}.`);
  }
}

function scheduleText(s: ReportGoal['practices'][number]['schedule']): string {
  switch (s.kind) {
    case 'daily':
      return 'daily';
    case 'weekly':
      return `${s.timesPerWeek} times a week`;
    case 'weekdays':
      return s.days.map((d) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d]).join(', ');
  }
}

export function questionnairesSection(doc: Doc, d: ReportData): void {
  heading(doc, 'PHQ-9 and GAD-7');
  for (const ins of d.instruments) instrument(doc, ins, d.period);
  if (d.paired) {
    const p = d.paired;
    const yesNo = (b: boolean | null) => (b === null ? 'not applicable' : b ? 'yes' : 'no');
    para(doc, 'Paired outcome (NHS Talking Therapies rules)', { bold: true });
    para(
      doc,
      `At caseness at the start: ${yesNo(p.casenessAtStart)}; recovery: ${yesNo(p.recovery)}; ` +
        `reliable improvement: ${yesNo(p.reliableImprovement)}; reliable recovery: ${yesNo(p.reliableRecovery)}; ` +
        `reliable deterioration: ${yesNo(p.reliableDeterioration)}.`,
    );
  }
}

function instrument(doc: Doc, ins: ReportInstrument, period: ReportData['period']): void {
  room(doc, 190);
  doc.moveDown(0.4);
  para(doc, ins.title, { bold: true, size: 12 });
  if (ins.responses.length === 0) {
    para(doc, `No ${ins.title} was completed in this period.`);
    return;
  }
  const y = doc.y + 4;
  lineChart(doc, {
    x: doc.page.margins.left,
    y,
    width: width(doc),
    height: 120,
    from: period.from,
    to: period.to,
    points: ins.responses.map((r) => ({ at: r.at, value: r.total })),
    yMin: 0,
    yMax: ins.maxTotal,
    bands: ins.bands.map((b) => ({ min: b.min, max: b.max, label: b.severity })),
    empty: '',
  });
  doc.x = doc.page.margins.left;
  doc.y = y + 128;
  table(
    doc,
    ['Date', 'Total', 'Severity'],
    ins.responses.map((r) => [day(r.date), String(r.total), r.severity]),
  );
  if (ins.outcome) {
    const o = ins.outcome;
    const verdict = o.reliableImprovement
      ? 'a reliable improvement'
      : o.reliableDeterioration
        ? 'a reliable deterioration'
        : 'no reliable change';
    para(
      doc,
      `Change from first to latest: ${o.first} to ${o.latest} (${o.change > 0 ? '+' : ''}${o.change}); ` +
        `reliable change needs ${ins.reliableChange} points, so this is ${verdict}.`,
    );
  } else para(doc, 'One response in the period: change needs a second one.');
}

export function gasSection(doc: Doc, d: ReportData): void {
  heading(doc, 'Goal Attainment Scaling');
  if (d.gas.tScore === null) {
    para(doc, 'No goal with a GAS scale was rated by the end of the period.');
    return;
  }
  para(doc, `GAS T-score: ${d.gas.tScore.toFixed(2)} (50 means goals were met as expected).`, {
    bold: true,
  });
  table(
    doc,
    ['Goal', 'Latest level', 'Rated on'],
    d.gas.goals.map((g) => [
      g.title,
      `${g.level > 0 ? '+' : ''}${g.level} ${g.meaning.toLowerCase()}`,
      day(g.ratedOn),
    ]),
  );
}
