import { Link, useParams } from 'react-router';
import { useClientRecord, useDraft } from '../../api/queries.ts';
import { useUser } from '../../api/session.tsx';
import { QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { GoalWizard, type WizardRole } from './goal-wizard.tsx';

const w = t.wizard;

interface Where {
  clientId: string;
  role: WizardRole;
  basePath: string;
  donePath: string;
}

/** A new conversation (no draft until the first step is saved), or an open draft resumed. */
function Wizard({ draftId, ...where }: Where & { draftId: string | undefined }) {
  const draft = useDraft(draftId);
  if (!draftId) return <GoalWizard draft={undefined} {...where} />;
  return (
    <QueryState query={draft}>
      {(d) =>
        d.status === 'open' ? (
          <GoalWizard draft={d} {...where} />
        ) : (
          <div className="stack">
            <h1>{w.pageTitle}</h1>
            <p>{d.status === 'finished' ? w.finishedAlready : w.discardedAlready}</p>
            <Link to={where.donePath}>{w.backToGoals}</Link>
          </div>
        )
      }
    </QueryState>
  );
}

/** /goals/plan and /goals/plan/:draftId — the client alone, between sessions. */
export function ClientGoalWizardPage() {
  usePageTitle(w.pageTitle);
  const user = useUser();
  const { draftId } = useParams();
  return (
    <Wizard
      draftId={draftId}
      clientId={user.clientId ?? ''}
      role={{ kind: 'client' }}
      basePath="/goals/plan"
      donePath="/goals"
    />
  );
}

/** /clients/:clientId/goals/plan(/:draftId) — therapist and client together, in session. */
export function TherapistGoalWizardPage() {
  usePageTitle(w.pageTitle);
  const { clientId = '', draftId } = useParams();
  const client = useClientRecord(clientId);
  return (
    <QueryState query={client}>
      {(c) => (
        <Wizard
          draftId={draftId}
          clientId={clientId}
          role={{ kind: 'therapist', clientName: c.name }}
          basePath={`/clients/${clientId}/goals/plan`}
          donePath={`/clients/${clientId}`}
        />
      )}
    </QueryState>
  );
}
