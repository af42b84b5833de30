import { useEffect, useId, useState } from 'react';
import type { SmartView } from '../../../src/contract/goals.ts';
import { send } from '../api/http.ts';
import { t } from '../i18n/index.ts';

const criteria = ['specific', 'measurable', 'achievable', 'relevant', 'time-bound'] as const;

/**
 * SMART hints live while typing: the draft is sent to POST /api/smart-check 400 ms after the
 * last keystroke; older answers are dropped.
 */
export function SmartHints({ body, initial }: { body: unknown; initial?: SmartView | undefined }) {
  const [smart, setSmart] = useState<SmartView | undefined>(initial);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(body);
  // Several goals may each show their hints on one screen (the goal-setting wizard).
  const headingId = useId();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      send<SmartView>('POST', '/api/smart-check', JSON.parse(key))
        .then((s) => {
          if (!live) return;
          setSmart(s);
          setFailed(false);
        })
        .catch(() => live && setFailed(true));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  return (
    <aside className="smart card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.smart.title}</h2>
      <ul className="smart-criteria" aria-label={t.smart.criteria}>
        {criteria.map((c) => {
          const met = smart?.met.includes(c) ?? false;
          return (
            <li key={c} className={met ? 'met' : 'unmet'}>
              <span aria-hidden="true">{met ? '✓' : '○'}</span> {t.smart.criterion[c]}
              <span className="visually-hidden">: {met ? t.smart.met : t.smart.notYet}</span>
            </li>
          );
        })}
      </ul>
      <div aria-live="polite">
        {failed && <p className="muted">{t.smart.unavailable}</p>}
        {smart && smart.hints.length === 0 && <p className="ok-text">✓ {t.smart.allMet}</p>}
        {smart && smart.hints.length > 0 && (
          <ul className="smart-hints">
            {smart.hints.map((h) => (
              <li key={h.code}>
                <strong>
                  {t.smart.criterion[h.criterion as (typeof criteria)[number]] ?? h.criterion}:
                </strong>{' '}
                {h.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
