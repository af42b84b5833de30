import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createGoalBody, type GoalView } from '../../../../src/contract/goals.ts';
import { ApiError, errorText, send } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { fieldErrors } from '../../components/field.tsx';
import { SmartHints } from '../../components/smart-hints.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import {
  blankDraft,
  toCreateBody,
  toSmartBody,
  type GoalDraft,
} from '../goal-editor/goal-draft.ts';
import { GoalFields } from '../goal-editor/goal-fields.tsx';

/** A client proposes a goal (the server keeps it `proposed` until the therapist agrees). */
export function ProposeGoalPage() {
  usePageTitle(t.goal.propose);
  const user = useUser();
  const clientId = user.clientId ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<GoalDraft>(blankDraft('proposed'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createGoalBody.safeParse(toCreateBody(draft));
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setBusy(true);
    try {
      const goal = await send<GoalView>('POST', `/api/clients/${clientId}/goals`, parsed.data);
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
      <h1>{t.goal.propose}</h1>
      <p className="lede">{t.goal.proposeIntro}</p>
      <div className="editor-grid">
        <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
          <GoalFields
            draft={draft}
            onChange={(p) => setDraft({ ...draft, ...p })}
            errors={errors}
            simple
          />
          {error && (
            <p className="error-text" role="alert">
              ⚠ {error}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t.states.saving : t.goal.sendProposal}
          </button>
        </form>
        <SmartHints body={toSmartBody(draft, clientId)} />
      </div>
    </div>
  );
}
