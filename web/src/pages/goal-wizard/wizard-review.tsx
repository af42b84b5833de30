import { t } from '../../i18n/index.ts';
import { formatDay } from '../../lib/format.ts';
import { describeSchedule } from '../../lib/schedule.ts';
import { stepOfField, type WizardContent, type WizardGoal } from './wizard-model.ts';

const w = t.wizard;

function measureLine(g: WizardGoal, measureName: string | undefined): string | undefined {
  const m = g.measurable;
  const name = measureName ?? (m.measureKind ? m.measureName : '');
  if (!name && !m.baseline && !m.target && !m.dueDate) return undefined;
  return w.measureLine(name, m.baseline, m.target, m.dueDate ? formatDay(m.dueDate) : '');
}

/**
 * Everything agreed, to read through before the goals are created; a refusal from the server
 * is listed with the step to fix it in (where the field shows the same message).
 */
export function WizardReview({
  content,
  errors,
  measureNames,
  onGoTo,
}: {
  content: WizardContent;
  errors: Record<string, string>;
  measureNames: Map<string, string>;
  onGoTo: (step: number) => void;
}) {
  const problems = Object.entries(errors);
  return (
    <div className="stack">
      <p>{w.reviewIntro}</p>
      {problems.length > 0 && (
        <div className="notice stack" role="alert">
          <p>{w.fixFirst}</p>
          <ul className="plain-list">
            {problems.map(([field, message]) => {
              const step = stepOfField(field);
              const goal = /^goals\.(\d+)\./.exec(field)?.[1];
              return (
                <li key={field} className="spread">
                  <span>
                    {goal !== undefined && `${w.goalN(Number(goal) + 1)}: `}
                    {message}
                  </span>
                  <button type="button" className="button link" onClick={() => onGoTo(step)}>
                    {w.goTo(step, w.stepNames[step - 1] ?? '')}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {(content.areas || content.ownWords) && (
        <section className="card">
          <h3>{w.stepNames[0]}</h3>
          {content.areas && <p>{content.areas}</p>}
          {content.ownWords && <p className="pre-line">{content.ownWords}</p>}
        </section>
      )}
      <ol className="plain-list stack">
        {content.goals.map((g, i) => (
          <li key={g.key} className="card stack">
            <h3>{w.goalNamed(i + 1, g.title)}</h3>
            {g.bestOutcome && <p>{w.bestOutcomeLine(g.bestOutcome)}</p>}
            {g.notice && <p>{w.noticeLine(g.notice)}</p>}
            {g.obstacles.length > 0 && (
              <ul>
                {g.obstacles.map((o, j) => (
                  <li key={j}>
                    {o.obstacle}
                    {o.ifText && o.thenText && ` — ${w.sentence(o.ifText, o.thenText)}`}
                  </li>
                ))}
              </ul>
            )}
            {measureLine(g, measureNames.get(g.measureId)) && (
              <p>{measureLine(g, measureNames.get(g.measureId))}</p>
            )}
            {(g.steps.length > 0 || g.practices.length > 0) && (
              <ul>
                {g.steps.map((s, j) => (
                  <li key={`s${j}`}>{t.plan.stepItem(s.title)}</li>
                ))}
                {g.practices.map((p, j) => (
                  <li key={`p${j}`}>
                    {t.plan.practiceItem(p.title, describeSchedule(p.schedule))}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {(content.reviewEveryDays || content.clientWill || content.therapistWill) && (
        <section className="card">
          <h3>{w.stepNames[6]}</h3>
          {content.reviewEveryDays && <p>{w.reviewEveryLine(content.reviewEveryDays)}</p>}
          {content.clientWill && <p>{w.clientWillLine(content.clientWill)}</p>}
          {content.therapistWill && <p>{w.therapistWillLine(content.therapistWill)}</p>}
        </section>
      )}
    </div>
  );
}
