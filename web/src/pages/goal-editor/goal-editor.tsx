import { useParams } from 'react-router';
import { useClientRecord, useGoal } from '../../api/queries.ts';
import { ErrorState, Loading, QueryState } from '../../components/states.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { EditGoal } from './edit-goal.tsx';
import { NewGoal } from './new-goal.tsx';

/** /clients/:clientId/goals/new and /goals/:goalId/edit. */
export function GoalEditorPage() {
  const { clientId, goalId } = useParams();
  usePageTitle(goalId ? t.goalForm.editPageTitle : t.goalForm.newPageTitle);
  const client = useClientRecord(clientId);
  const goal = useGoal(goalId);
  if (goalId)
    return (
      <QueryState query={goal}>
        {(g) => <EditGoal key={g.goal.id} goal={g.goal} etag={g.etag} />}
      </QueryState>
    );
  if (client.isPending) return <Loading />;
  if (!clientId || !client.data)
    return <ErrorState error={client.error} onRetry={() => void client.refetch()} />;
  return <NewGoal clientId={clientId} mode={{ kind: 'therapist', clientName: client.data.name }} />;
}
