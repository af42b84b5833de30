import { useState } from 'react';
import { Link } from 'react-router';
import { exportFormats } from '../../../../src/contract/exports.ts';
import { download, errorText } from '../../api/http.ts';
import { useUser } from '../../api/session.tsx';
import { t } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';

type Format = (typeof exportFormats)[number];

/** The client's own copy of their record, in each format the export API offers. */
export function MyDataPage() {
  usePageTitle(t.nav.myData);
  const user = useUser();
  const [state, setState] = useState<{
    busy?: Format;
    error?: string;
    ready?: { format: Format; url: string; filename: string };
  }>({});

  async function prepare(format: Format) {
    setState({ busy: format });
    try {
      const file = await download(`/api/clients/${user.clientId}/export?format=${format}`);
      const filename = file.filename ?? `stepwise-my-data.${format === 'csv' ? 'csv' : 'json'}`;
      setState({ ready: { format, url: URL.createObjectURL(file.blob), filename } });
    } catch (err) {
      setState({ error: errorText(err) });
    }
  }

  return (
    <div className="stack">
      <h1>{t.nav.myData}</h1>
      <p>{t.myData.intro}</p>
      <ul className="plain-list">
        {exportFormats.map((f) => (
          <li key={f} className="card stack">
            <h2>{t.myData.format[f] ?? f}</h2>
            <p className="muted">{t.myData.formatHint[f]}</p>
            <button
              type="button"
              className="button primary"
              onClick={() => void prepare(f)}
              disabled={state.busy !== undefined}
            >
              {state.busy === f ? t.myData.preparing : t.myData.prepare(t.myData.format[f] ?? f)}
            </button>
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite">
        {state.ready && (
          <a className="button" href={state.ready.url} download={state.ready.filename}>
            ↓ {t.myData.download(state.ready.filename)}
          </a>
        )}
        {state.error && <p className="error-text">⚠ {state.error}</p>}
      </div>
      <p>
        <Link to="/my-data/access">{t.myData.accessLink}</Link>
      </p>
    </div>
  );
}
