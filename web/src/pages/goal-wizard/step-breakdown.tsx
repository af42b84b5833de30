import { useState } from 'react';
import type { GoalDraftView, TemplateSuggestion } from '../../../../src/contract/goal-drafts.ts';
import { errorText } from '../../api/http.ts';
import { useTemplates } from '../../api/queries.ts';
import { t } from '../../i18n/index.ts';
import { NewPlan } from '../goal-editor/new-goal.tsx';
import { withGoal, type StepProps, type WizardGoal } from './wizard-model.ts';

const w = t.wizard;

type Ideas = Pick<TemplateSuggestion, 'title' | 'steps' | 'practices'>;

/** A goal with a template's steps and practices added after its own. */
const withTemplate = (g: WizardGoal, tpl: Ideas): Partial<WizardGoal> => ({
  steps: [...g.steps, ...tpl.steps.map((s) => ({ title: s.title }))],
  practices: [...g.practices, ...tpl.practices],
});

/**
 * Step 6: each goal's steps and practices — the new-goal form's list and add forms — with the
 * clinic's templates that match what the client said, and for therapists the whole library.
 */
export function StepBreakdown({
  content,
  onChange,
  errors,
  hints,
  therapist,
}: StepProps & { hints: GoalDraftView['hints']; therapist: boolean }) {
  return (
    <div className="stack">
      <p>{w.breakdownIntro}</p>
      {content.goals.map((g, i) => {
        const add = (tpl: Ideas) => onChange(withGoal(content, i, withTemplate(g, tpl)));
        const ideas = hints.find((h) => h.key === g.key)?.suggestions ?? [];
        const problem = Object.entries(errors).find(
          ([k]) => k.startsWith(`goals.${i}.steps`) || k.startsWith(`goals.${i}.practices`),
        );
        return (
          <div key={g.key} className="stack">
            <NewPlan
              title={w.goalNamed(i + 1, g.title)}
              template={undefined}
              steps={g.steps}
              practices={g.practices}
              onSteps={(steps) => onChange(withGoal(content, i, { steps }))}
              onPractices={(practices) => onChange(withGoal(content, i, { practices }))}
            />
            {problem && <p className="error-text">⚠ {problem[1]}</p>}
            <section className="card stack" aria-label={w.ideasFor(g.title || w.goalN(i + 1))}>
              <h3>{w.ideas}</h3>
              {ideas.length === 0 ? (
                <p className="muted">{w.noIdeas}</p>
              ) : (
                <ul className="plain-list">
                  {ideas.map((s) => (
                    <li key={s.templateId} className="spread">
                      <span>
                        {s.title} <span className="badge badge-plain">{s.category}</span>
                      </span>
                      <button type="button" className="button" onClick={() => add(s)}>
                        {w.useIdea(s.title)}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {therapist && <TemplatePicker onPick={add} />}
            </section>
          </div>
        );
      })}
    </div>
  );
}

/** The therapist's way into the clinic's whole template library (clients see only the matches). */
function TemplatePicker({ onPick }: { onPick: (tpl: Ideas) => void }) {
  const templates = useTemplates();
  const [id, setId] = useState('');
  const live = templates.data?.templates.filter((x) => !x.archived) ?? [];
  const picked = live.find((x) => x.id === id);
  return (
    <div className="inline-form">
      <label className="field">
        <span>{t.goalForm.template}</span>
        <select value={id} onChange={(e) => setId(e.target.value)} disabled={templates.isPending}>
          <option value="">{w.chooseTemplate}</option>
          {live.map((x) => (
            <option key={x.id} value={x.id}>
              {x.category}: {x.title}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={!picked}
        onClick={() => picked && onPick(picked)}
      >
        {w.addTemplate}
      </button>
      {templates.error && <p className="error-text">{errorText(templates.error)}</p>}
    </div>
  );
}
