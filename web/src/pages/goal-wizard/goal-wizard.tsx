import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { GoalDraftView } from '../../../../src/contract/goal-drafts.ts';
import { ApiError, errorText, request } from '../../api/http.ts';
import { keys, useMeasures } from '../../api/queries.ts';
import { t } from '../../i18n/index.ts';
import { StepBreakdown } from './step-breakdown.tsx';
import { StepMeasurable } from './step-measurable.tsx';
import { StepPriorities } from './step-priorities.tsx';
import { StepObstacles, StepPlans } from './steps-obstacles.tsx';
import { StepMatters, StepWish } from './steps-words.tsx';
import { DraftStaleNotice } from './draft-stale-notice.tsx';
import { WizardReview } from './wizard-review.tsx';
import {
  fromContent,
  sectionsFor,
  stepCount,
  type Stage,
  type StepProps,
  type WizardContent,
} from './wizard-model.ts';

const w = t.wizard;

/** The therapist in session, or the client alone between sessions. */
export type WizardRole = { kind: 'client' } | { kind: 'therapist'; clientName: string };

/** Where a finished conversation lands, and what it says there. */
export interface WizardCreated {
  wizardCreated: number;
}

const stageOf = (step: number): Stage => Math.min(Math.max(step, 1), stepCount) as Stage;

/**
 * The goal-setting conversation, one step a screen (docs/API.md "Guided goal setting"): each
 * "Save and continue" saves the step's section with the version loaded as If-Match, so a save
 * from another tab or person shows the stale notice instead of being overwritten. The first
 * save creates the draft; finishing turns it into ordinary goals.
 */
export function GoalWizard({
  clientId,
  draft,
  role,
  basePath,
  donePath,
}: {
  clientId: string;
  draft: GoalDraftView | undefined;
  role: WizardRole;
  /** The wizard's own address; a new draft continues at `${basePath}/${id}`. */
  basePath: string;
  donePath: string;
}) {
  const client = role.kind === 'client';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const measures = useMeasures(clientId);
  const [content, setContent] = useState<WizardContent>(() => fromContent(draft?.content ?? {}));
  const [saved, setSaved] = useState(draft);
  const [stage, setStage] = useState<Stage>(() => stageOf(draft?.step ?? 1));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [stale, setStale] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new draft continues at its own address; the step it moved to keeps the focus there too.
  const moved = useRef(Boolean((useLocation().state as { continued?: boolean } | null)?.continued));

  // Each new step's heading takes the focus, so a screen reader starts reading there — after
  // the layout has focused <main> for a new address (the first save moves to the draft's own).
  useEffect(() => {
    if (!moved.current) return;
    const frame = requestAnimationFrame(() => heading.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [stage]);

  function go(next: Stage) {
    moved.current = true;
    setFailure(undefined);
    setStage(next);
  }

  function refused(err: unknown) {
    if (err instanceof ApiError && err.status === 412) {
      setStale(err.message);
      return;
    }
    const fields = err instanceof ApiError ? err.problem?.errors : undefined;
    // Keyed by the whole path (`goals.0.obstacles.1.ifText`): each step shows its own; the first
    // message for a field wins.
    setErrors(Object.fromEntries((fields ?? []).toReversed().map((f) => [f.field, f.message])));
    setFailure(fields ? t.goalForm.fixErrors : errorText(err));
  }

  function remember(d: GoalDraftView) {
    setSaved(d);
    queryClient.setQueryData(keys.draft(d.id), d);
    void queryClient.invalidateQueries({ queryKey: keys.drafts(clientId) });
  }

  /** Save this step's section, then move on (a new draft moves to its own address). */
  async function saveStep(step: number, version = saved?.version) {
    const next = step + 1;
    const body = { ...sectionsFor(step, content), step: Math.min(next, stepCount) };
    setBusy(true);
    try {
      const res = saved
        ? await request<GoalDraftView>(`/api/goal-drafts/${saved.id}`, {
            method: 'PATCH',
            body,
            ifMatch: `"${version}"`,
          })
        : await request<GoalDraftView>(`/api/clients/${clientId}/goal-drafts`, {
            method: 'POST',
            body,
          });
      remember(res.data);
      setErrors({});
      setStale(undefined);
      go(next > stepCount ? 'review' : stageOf(next));
      if (!saved)
        await navigate(`${basePath}/${res.data.id}`, { replace: true, state: { continued: true } });
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  }

  async function finish() {
    if (!saved) return;
    setBusy(true);
    try {
      const res = await request<GoalDraftView>(`/api/goal-drafts/${saved.id}/finish`, {
        method: 'POST',
        ifMatch: `"${saved.version}"`,
      });
      remember(res.data);
      await queryClient.invalidateQueries({ queryKey: keys.goals(clientId) });
      const state: WizardCreated = { wizardCreated: res.data.goalIds.length };
      await navigate(donePath, { state });
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  }

  /** After a 412: the draft as saved elsewhere, to carry on from (or to save this step over). */
  async function latest(): Promise<GoalDraftView | undefined> {
    if (!saved) return undefined;
    try {
      const res = await request<GoalDraftView>(`/api/goal-drafts/${saved.id}`);
      remember(res.data);
      return res.data;
    } catch (err) {
      refused(err);
      return undefined;
    }
  }

  const props: StepProps = { content, errors, onChange: setContent };
  const hints = saved?.hints ?? [];
  const name = stage === 'review' ? w.reviewName : (w.stepNames[stage - 1] ?? '');
  const measureNames = new Map((measures.data?.measures ?? []).map((m) => [m.id, m.name]));

  return (
    <div className="stack wizard">
      <h1>{client ? w.titleClient : w.titleTherapist(role.clientName)}</h1>
      <p className="lede">{w.intro}</p>
      <ol className="wizard-steps" aria-label={w.steps}>
        {w.stepNames.map((label, i) => {
          const n = i + 1;
          const current = stage === n;
          const done = n < (stage === 'review' ? stepCount + 1 : stage);
          return (
            <li
              key={label}
              className={current ? 'current' : done ? 'done' : undefined}
              {...(current ? { 'aria-current': 'step' as const } : {})}
            >
              <span className="wizard-number" aria-hidden="true">
                {done ? '✓' : n}
              </span>
              <span className="wizard-label">
                {label}
                {done && <span className="visually-hidden"> ({w.doneMark})</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {stale && (
        <DraftStaleNotice
          detail={stale}
          onReload={async () => {
            const d = await latest();
            if (!d) return;
            setContent(fromContent(d.content));
            setStale(undefined);
          }}
          onKeepMine={async () => {
            const d = await latest();
            if (d && stage !== 'review') await saveStep(stage, d.version);
            else if (d) setStale(undefined);
          }}
          canKeepMine={stage !== 'review'}
        />
      )}
      <section className="card stack" aria-labelledby="wizard-step-h">
        <h2 id="wizard-step-h" ref={heading} tabIndex={-1}>
          {stage === 'review' ? w.reviewTitle : w.stepOf(stage, name)}
        </h2>
        {stage === 1 && <StepMatters {...props} />}
        {stage === 2 && <StepWish {...props} />}
        {stage === 3 && <StepObstacles {...props} />}
        {stage === 4 && <StepPlans {...props} />}
        {stage === 5 && <StepMeasurable {...props} clientId={clientId} hints={hints} />}
        {stage === 6 && <StepBreakdown {...props} hints={hints} therapist={!client} />}
        {stage === 7 && <StepPriorities {...props} client={client} />}
        {stage === 'review' && (
          <WizardReview
            content={content}
            errors={errors}
            measureNames={measureNames}
            onGoTo={(step) => go(stageOf(step))}
          />
        )}
        {failure && (stage !== 'review' || Object.keys(errors).length === 0) && (
          <p className="error-text" role="alert">
            ⚠ {failure}
          </p>
        )}
        <div className="row wizard-nav">
          {stage !== 1 && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => go(stage === 'review' ? stepCount : stageOf(stage - 1))}
            >
              {w.back}
            </button>
          )}
          {stage === 'review' ? (
            <button
              type="button"
              className="button primary"
              disabled={busy || !saved}
              onClick={() => void finish()}
            >
              {busy ? w.creating : w.create(content.goals.length)}
            </button>
          ) : (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void saveStep(stage)}
            >
              {busy ? t.states.saving : w.next}
            </button>
          )}
        </div>
        <p className="muted small" role="status">
          {saved && !busy ? w.saved : ''}
        </p>
      </section>
    </div>
  );
}
