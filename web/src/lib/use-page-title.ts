import { useEffect } from 'react';
import { t } from '../i18n/index.ts';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title]);
}
