import { Link } from 'react-router';
import { t } from '../i18n/index.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

export function NotFoundPage() {
  usePageTitle(t.notFound.title);
  return (
    <section>
      <h1>{t.notFound.title}</h1>
      <p>{t.notFound.body}</p>
      <Link to="/">{t.notFound.home}</Link>
    </section>
  );
}
