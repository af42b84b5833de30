import { useUser } from '../../api/session.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { NewGoal } from '../goal-editor/new-goal.tsx';

/** A client proposes a goal: the therapist's new-goal form in its client mode. */
export function ProposeGoalPage() {
  usePageTitle(t.goal.propose);
  const user = useUser();
  return <NewGoal clientId={user.clientId ?? ''} mode={{ kind: 'client' }} />;
}
