import { useId, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import type { MeasureView } from '../../../../src/contract/goals.ts';
import type { IfThenPlanView } from '../../../../src/contract/if-then.ts';
import { t } from '../../i18n/index.ts';
import { formatTime } from '../../lib/format.ts';
import { newId } from '../../lib/uuid.ts';
import { checkInQueue } from '../../offline/check-in-queue.ts';
import { PlanOutcomes } from './plan-outcome.tsx';
import { ValueInput } from './value-input.tsx';

interface Props {
  clientId: string;
  measure: MeasureView;
  goalTitle: string;
  timeZone: string;
  /** The goal's if–then plans, shown beside the check-in. */
  plans?: IfThenPlanView[];
}

const defaultValue = (m: MeasureView) =>
  m.kind === 'scale' ? 5 : m.kind === 'yesno' ? undefined : 0;

/**
 * One measure's check-in: set the value, Save — two taps (three with a note). Every check-in
 * goes through the device queue with an id made here, so it is never lost and never doubled.
 */
export function CheckInCard({ clientId, measure, goalTitle, timeZone, plans = [] }: Props) {
  const id = useId();
  const [value, setValue] = useState<number | undefined>(defaultValue(measure));
  const [note, setNote] = useState('');
  const [noteOpen, setNoteOpen] = useState(false);
  const [last, setLast] = useState<{ id: string; at: string } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const queue = useSyncExternalStore(checkInQueue.subscribe, checkInQueue.getSnapshot);

  function save(e: FormEvent) {
    e.preventDefault();
    if (value === undefined) {
      setProblem(t.checkIn.pickValue);
      return;
    }
    setProblem(undefined);
    const item = {
      id: newId(),
      clientId,
      measureId: measure.id,
      value,
      at: new Date().toISOString(),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    checkInQueue.add(item);
    setLast({ id: item.id, at: item.at });
    setNote('');
    setNoteOpen(false);
  }

  const waiting = last && queue.pending.some((p) => p.id === last.id);
  const refused = last && queue.refused.find((r) => r.item.id === last.id);

  return (
    <form className="card check-in" onSubmit={save}>
      <div className="spread">
        <label id={`${id}-label`} htmlFor={id} className="check-in-name">
          {measure.name}
          {measure.kind === 'scale' && <span className="hint"> ({t.checkIn.scaleHint})</span>}
        </label>
        <span className="muted small">{t.today.forGoal(goalTitle)}</span>
      </div>
      <ValueInput id={id} measure={measure} value={value} onChange={setValue} />
      {noteOpen ? (
        <label className="field">
          <span>{t.checkIn.note}</span>
          <textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
      ) : (
        <button type="button" className="button link" onClick={() => setNoteOpen(true)}>
          {t.checkIn.addNote}
        </button>
      )}
      <div className="row">
        <button type="submit" className="button primary">
          {t.checkIn.save}
        </button>
        <span role="status" aria-live="polite" className="check-in-status">
          {problem && <span className="error-text">{problem}</span>}
          {!problem && last && refused && <span className="error-text">⚠ {refused.detail}</span>}
          {!problem && last && !refused && waiting && queue.syncing && t.states.saving}
          {!problem && last && !refused && waiting && !queue.syncing && (
            <span className="warn-text">{t.checkIn.queued}</span>
          )}
          {!problem && last && !refused && !waiting && (
            <span className="ok-text">✓ {t.checkIn.savedAt(formatTime(last.at, timeZone))}</span>
          )}
        </span>
      </div>
      <PlanOutcomes
        plans={plans}
        clientId={clientId}
        link={last && !waiting && !refused ? { checkInId: last.id } : undefined}
      />
    </form>
  );
}
