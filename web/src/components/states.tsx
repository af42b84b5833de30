import type { ReactNode } from 'react';
import { errorText, NetworkError } from '../api/http.ts';
import { t } from '../i18n/index.ts';

export function Loading({ label }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.states.loading}
    </p>
  );
}

/** Any failure, with the server's own `detail` when it sent one, and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>
        <span aria-hidden="true">⚠ </span>
        {errorText(error)}
      </p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t.states.retry}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** A query's three states in one place: loading, error (with retry), then the content. */
export function QueryState<T>({
  query,
  children,
}: {
  query: {
    isPending: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
    fetchStatus?: string;
  };
  children: (data: T) => ReactNode;
}) {
  // Data already shown stays shown when a later refresh fails (offline on the bus).
  if (query.data !== undefined) return <>{children(query.data)}</>;
  // Nothing to show and waiting for the network to come back: say so rather than "Loading…".
  if (query.fetchStatus === 'paused')
    return <ErrorState error={new NetworkError()} onRetry={() => void query.refetch()} />;
  if (query.isPending && !query.error) return <Loading />;
  return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
}
