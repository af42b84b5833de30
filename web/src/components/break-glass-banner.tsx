import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BreakGlassGrant } from '../../../src/contract/privacy.ts';
import { get } from '../api/http.ts';
import { keys } from '../api/queries.ts';
import { useUser } from '../api/session.tsx';
import { t } from '../i18n/index.ts';

/** The time now, refreshed every 30 s, so a countdown moves. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** On a record opened by breaking the glass: that it is, the time left, and the reason given. */
export function BreakGlassBanner({ clientId }: { clientId: string }) {
  const user = useUser();
  const grants = useQuery({
    queryKey: keys.breakGlass,
    queryFn: ({ signal }) => get<{ grants: BreakGlassGrant[] }>('/api/break-glass', signal),
    enabled: user.role === 'therapist',
  });
  const now = useNow();
  const grant = grants.data?.grants.find((g) => g.clientId === clientId);
  if (!grant) return null;
  const left = Math.max(0, Math.ceil((Date.parse(grant.expiresAt) - now) / 60_000));
  return (
    <section className="notice stack" aria-label={t.breakGlass.title}>
      <p>
        <strong>
          {left > 0
            ? t.breakGlass.banner(t.breakGlass.minutesLeft(left))
            : t.breakGlass.bannerEnded}
        </strong>
      </p>
      <p>{t.breakGlass.bannerReason(grant.reason)}</p>
      <p className="small">{t.breakGlass.bannerLogged}</p>
    </section>
  );
}
