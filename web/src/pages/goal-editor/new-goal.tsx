import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createGoalBody, type GoalView } from '../../../../src/contract/goals.ts';
import { ApiError, errorText, send } from '../../api/http.ts';
import { keys, useTemplates } from '../../api/queries.ts';
import type { TemplateView } from '../../../../src/contract/plan.ts';
import { fieldErrors } from '../../components/field.tsx';
import { SmartHints } from '../../components/smart-hints.tsx';
import { t } from '../../i18n/index.ts';
import { describeSchedule } from '../../lib/schedule.ts';
import {
  blankDraft,
  draftFromTemplate,
  toCreateBody,
  toSmartBody,
  type GoalDraft,
} from './goal-draft.ts';
import { GoalFields } from './goal-fields.tsx';
import { AddPracticeForm, AddStepForm, type PracticeDraft, type StepDraft } from './plan-items.tsx';

/**
 * Who is writing the goal. A therapist starts from a template or blank and adds steps and
 * practices; a client proposes one in their own words (the server keeps it `proposed` until the
 * therapist agrees), with the simpler fields. Both see the SMART hints as they type.
 */
export type NewGoalMode = { kind: 'therapist'; clientName: string } | { kind: 'client' };

/** A new goal, then its page: one form for the therapist's "new goal" and the client's proposal. */
export function NewGoal({ clientId, mode }: { clientId: string; mode: NewGoalMode }) {
  const therapist = mode.kind === 'therapist';
  const templates = useTemplates(therapist);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [templateId, setTemplateId] = useState('');
  const fresh = () => blankDraft(therapist ? undefined : 'proposed');
  const [draft, setDraft] = useState<GoalDraft>(fresh);
  const [steps, setSteps] = useState<StepDraft[]>([]);
  const [practices, setPractices] = useState<PracticeDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const template = templates.data?.templates.find((x) => x.id === templateId);

  function pickTemplate(id: string) {
    setTemplateId(id);
    const tpl = templates.data?.templates.find((x) => x.id === id);
    setDraft(tpl ? draftFromTemplate(tpl) : fresh());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createGoalBody.safeParse(toCreateBody(draft, templateId || undefined));
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setError(t.goalForm.fixErrors);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const goal = await send<GoalView>('POST', `/api/clients/${clientId}/goals`, parsed.data);
      for (const s of steps) await send('POST', `/api/goals/${goal.id}/steps`, s);
      for (const p of practices) await send('POST', `/api/goals/${goal.id}/practices`, p);
      await queryClient.invalidateQueries({ queryKey: keys.goals(clientId) });
      await navigate(`/goals/${goal.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors)
        setErrors(fieldErrors(err.problem.errors));
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="editor">
      <h1>{therapist ? t.goalForm.newTitle(mode.clientName) : t.goal.propose}</h1>
      {!therapist && <p className="lede">{t.goal.proposeIntro}</p>}
      <div className="editor-grid">
        <div>
          {therapist && (
            <div className="card">
              <label className="field">
                <span>{t.goalForm.template}</span>
                <select
                  value={templateId}
                  onChange={(e) => pickTemplate(e.target.value)}
                  disabled={templates.isPending}
                >
                  <option value="">{t.goalForm.blank}</option>
                  {templates.data?.templates
                    .filter((x) => !x.archived)
                    .map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.category}: {x.title}
                      </option>
                    ))}
                </select>
              </label>
              {templates.error && <p className="error-text">{errorText(templates.error)}</p>}
            </div>
          )}
          <form id="goal-form" className="card" onSubmit={(e) => void submit(e)} noValidate>
            <GoalFields
              draft={draft}
              onChange={(p) => {
                setDraft({ ...draft, ...p });
                // A field's message goes once the person changes that field.
                setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !(k in p))));
              }}
              errors={errors}
              simple={!therapist}
            />
          </form>
          {therapist && (
            <NewPlan
              template={template}
              steps={steps}
              practices={practices}
              onSteps={setSteps}
              onPractices={setPractices}
            />
          )}
          {error && (
            <p className="error-text" role="alert">
              ⚠ {error}
            </p>
          )}
          <button type="submit" form="goal-form" className="button primary" disabled={busy}>
            {busy ? t.states.saving : therapist ? t.goalForm.create : t.goal.sendProposal}
          </button>
        </div>
        <SmartHints body={toSmartBody(draft, clientId)} />
      </div>
    </div>
  );
}

/**
 * Steps and practices of a goal not yet created: the template's, then the ones added here (the
 * therapist's new goal; each goal in the goal-setting wizard, with its own title).
 */
export function NewPlan({
  template,
  steps,
  practices,
  onSteps,
  onPractices,
  title = t.plan.title,
}: {
  template: TemplateView | undefined;
  steps: StepDraft[];
  practices: PracticeDraft[];
  onSteps: (next: StepDraft[]) => void;
  onPractices: (next: PracticeDraft[]) => void;
  title?: string;
}) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="plain-list">
        {template?.steps.map((s) => (
          <li key={`ts-${s.title}`}>
            {t.plan.stepItem(s.title)}{' '}
            <span className="badge badge-info">{t.plan.fromTemplate}</span>
          </li>
        ))}
        {template?.practices.map((p) => (
          <li key={`tp-${p.title}`}>
            {t.plan.practiceItem(p.title, describeSchedule(p.schedule))}{' '}
            <span className="badge badge-info">{t.plan.fromTemplate}</span>
          </li>
        ))}
        {steps.map((s, i) => (
          <li key={`s-${i}`} className="spread">
            {t.plan.stepItem(s.title)}
            <button
              type="button"
              className="button link"
              onClick={() => onSteps(steps.filter((_, j) => j !== i))}
            >
              {t.plan.remove}
            </button>
          </li>
        ))}
        {practices.map((p, i) => (
          <li key={`p-${i}`} className="spread">
            {t.plan.practiceItem(p.title, describeSchedule(p.schedule))}
            <button
              type="button"
              className="button link"
              onClick={() => onPractices(practices.filter((_, j) => j !== i))}
            >
              {t.plan.remove}
            </button>
          </li>
        ))}
      </ul>
      <AddStepForm onAdd={(s) => onSteps([...steps, s])} />
      <AddPracticeForm onAdd={(p) => onPractices([...practices, p])} />
    </section>
  );
}
