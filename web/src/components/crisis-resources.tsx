import { useQuery } from '@tanstack/react-query';
import type { ClinicSettingsView } from '../../../src/contract/clinic.ts';
import { get } from '../api/http.ts';
import { t } from '../i18n/index.ts';

export function useClinicSettings() {
  return useQuery({
    queryKey: ['clinic-settings'],
    queryFn: ({ signal }) => get<ClinicSettingsView>('/api/clinic/settings', signal),
    staleTime: 10 * 60_000,
  });
}

/**
 * The clinic's crisis resources. The text is loaded before it is needed; if it cannot be
 * loaded, Canada's 9-8-8 and 911 still show, so no one at risk ever sees an empty box.
 */
export function CrisisResources({ text }: { text?: string | undefined }) {
  const settings = useClinicSettings();
  const body = text ?? settings.data?.crisisText ?? t.crisis.fallback;
  return (
    <section className="crisis" role="alert" aria-labelledby="crisis-h">
      <h2 id="crisis-h">
        <span aria-hidden="true">☎ </span>
        {t.crisis.title}
      </h2>
      <p>{t.crisis.intro}</p>
      <p className="crisis-text">{body}</p>
    </section>
  );
}
