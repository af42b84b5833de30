import { useState } from 'react';
import type { GoalView } from '../../../../src/contract/goals.ts';
import { errorText, get } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

/** Everything the API shows this client about themself, gathered into one JSON file. */
async function gather(clientId: string): Promise<Record<string, unknown>> {
  const base = `/api/clients/${clientId}`;
  const optional = async <T,>(path: string): Promise<T | null> => {
    try {
      return await get<T>(path);
    } catch {
      return null;
    }
  };
  const [me, client, goals, checkIns, questionnaires, journal, outcomes] = await Promise.all([
    get('/api/me'),
    get(base),
    get<{ goals: GoalView[] }>(`${base}/goals`),
    optional(`${base}/check-ins`),
    optional(`${base}/questionnaires`),
    optional(`${base}/journal?limit=200`),
    optional(`${base}/outcomes`),
  ]);
  const perGoal = await Promise.all(
    goals.goals.map(async (g) => ({
      goal: g,
      revisions: await optional(`/api/goals/${g.id}/revisions?include=all`),
      comments: await optional(`/api/goals/${g.id}/comments`),
      progress: await optional(`/api/goals/${g.id}/progress`),
    })),
  );
  // The CSRF token is a secret of this browser session, not the person's data.
  const account = { ...(me as Record<string, unknown>) };
  delete account.csrfToken;
  return {
    exportedAt: new Date().toISOString(),
    account,
    client,
    goals: perGoal,
    checkIns,
    questionnaires,
    journal,
    outcomes,
  };
}

export function MyDataPage() {
  usePageTitle(t.nav.myData);
  const user = useUser();
  const [state, setState] = useState<{ busy: boolean; error?: string; url?: string }>({
    busy: false,
  });

  async function prepare() {
    setState({ busy: true });
    try {
      const data = await gather(user.clientId ?? '');
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      setState({ busy: false, url: URL.createObjectURL(blob) });
    } catch (err) {
      setState({ busy: false, error: errorText(err) });
    }
  }

  return (
    <div className="stack">
      <h1>{t.nav.myData}</h1>
      <p>{t.myData.intro}</p>
      <div className="card stack">
        <button
          type="button"
          className="button primary"
          onClick={() => void prepare()}
          disabled={state.busy}
        >
          {state.busy ? t.myData.preparing : t.myData.prepare}
        </button>
        <div role="status" aria-live="polite">
          {state.url && (
            <a className="button" href={state.url} download="stepwise-my-data.json">
              ↓ {t.myData.download}
            </a>
          )}
          {state.error && <p className="error-text">⚠ {state.error}</p>}
        </div>
      </div>
    </div>
  );
}
