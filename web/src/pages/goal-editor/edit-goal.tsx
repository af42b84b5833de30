import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import {
  patchGoalBody,
  type GoalView,
  type PatchGoalBody,
} from '../../../../src/contract/goals.ts';
import { ApiError, errorText, request } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { Field, fieldErrors } from '../../components/field.tsx';
import { SmartHints } from '../../components/smart-hints.tsx';
import { t } from '../../i18n/index.ts';
import { draftFromGoal, toPatchBody, toSmartBody, type GoalDraft } from './goal-draft.ts';
import { GoalFields } from './goal-fields.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { StaleNotice } from './stale-notice.tsx';

interface Loaded {
  goal: GoalView;
  etag: string;
}

/**
 * Edit a goal: only changed fields are sent, with an optional reason and the ETag as If-Match.
 * When someone else saved first (412), show what they changed and offer to re-apply ours.
 */
export function EditGoal({ goal, etag }: { goal: GoalView; etag: string }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<GoalDraft>(() => draftFromGoal(goal));
  const [base, setBase] = useState<Loaded>({ goal, etag });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [stale, setStale] = useState<Loaded | undefined>();
  const [busy, setBusy] = useState(false);

  async function send(patch: Partial<PatchGoalBody>, ifMatch: string) {
    const parsed = patchGoalBody.safeParse({ ...patch, ...(reason.trim() ? { reason } : {}) });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setError(t.goalForm.fixErrors);
      return;
    }
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const res = await request<GoalView>(`/api/goals/${goal.id}`, {
        method: 'PATCH',
        body: parsed.data,
        ifMatch,
      });
      const next = { goal: res.data, etag: res.etag ?? `"${res.data.version}"` };
      setBase(next);
      setDraft(draftFromGoal(res.data));
      setReason('');
      setErrors({});
      setStale(undefined);
      setSaved(true);
      queryClient.setQueryData(keys.goal(goal.id), next);
      void queryClient.invalidateQueries({ queryKey: keys.revisions(goal.id) });
      void queryClient.invalidateQueries({ queryKey: keys.goals(goal.clientId) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const latest = await request<GoalView>(`/api/goals/${goal.id}`);
        setStale({ goal: latest.data, etag: latest.etag ?? `"${latest.data.version}"` });
        return;
      }
      if (err instanceof ApiError && err.problem?.errors)
        setErrors(fieldErrors(err.problem.errors));
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function save(e?: FormEvent) {
    e?.preventDefault();
    const patch = toPatchBody(draft, base.goal);
    if (Object.keys(patch).length === 0) return setError(t.goalForm.nothingChanged);
    void send(patch, base.etag);
  }

  return (
    <div className="editor">
      <h1>{t.goalForm.editTitle(goal.title)}</h1>
      <p>
        <Link to={`/goals/${goal.id}`}>{t.goalForm.backToGoal}</Link>
      </p>
      <div className="editor-grid">
        <div>
          {stale && (
            <StaleNotice
              before={draftFromGoal(base.goal)}
              theirs={draftFromGoal(stale.goal)}
              mine={draft}
              version={stale.goal.version}
              // Only this editor's own changes go on top of theirs.
              onReapply={() => void send(toPatchBody(draft, base.goal), stale.etag)}
              onDiscard={() => {
                setBase(stale);
                setDraft(draftFromGoal(stale.goal));
                setStale(undefined);
              }}
            />
          )}
          <form className="card stack" onSubmit={save} noValidate>
            <GoalFields
              draft={draft}
              onChange={(p) => setDraft({ ...draft, ...p })}
              errors={errors}
              // The moves the lifecycle allows from here (e.g. active → achieved), as the server says.
              statuses={base.goal.can.changeStatus}
            />
            <Field label={t.goalForm.reason} hint={t.goalForm.reasonHint} error={errors.reason}>
              {(a) => (
                <textarea
                  {...a}
                  value={reason}
                  maxLength={2000}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
            {error && (
              <p className="error-text" role="alert">
                ⚠ {error}
              </p>
            )}
            <div role="status">{saved && <p className="ok-text">✓ {t.goalForm.saved}</p>}</div>
            {saved && base.goal.status === 'achieved' && (
              <p>
                <Link to={`/goals/${goal.id}/journey`}>{t.journey.link}</Link>
              </p>
            )}
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t.states.saving : t.goalForm.save}
            </button>
          </form>
          <PlanEditor goal={goal} />
        </div>
        <SmartHints body={toSmartBody(draft, goal.clientId)} initial={goal.smart} />
      </div>
    </div>
  );
}
