import type { CheckInBatchAnswer } from '../../../src/contract/measurement.ts';
import { ApiError, hasCsrfToken, NetworkError, request } from '../api/http.ts';

/** A check-in made on this device, waiting to reach the server. Its id is the idempotency key. */
export interface QueuedCheckIn {
  id: string;
  clientId: string;
  measureId: string;
  value: number;
  at: string;
  note?: string;
}

export interface QueueSnapshot {
  pending: readonly QueuedCheckIn[];
  /** Check-ins the server refused for good (not a network problem), with its reason. */
  refused: readonly { item: QueuedCheckIn; detail: string }[];
  syncing: boolean;
}

interface Stored {
  owner: string | null;
  items: QueuedCheckIn[];
}

const storageKey = 'stepwise.check-in-queue.v1';
const retryMs = 30_000;
const maxBatch = 500;

function read(): Stored {
  try {
    const raw = localStorage.getItem(storageKey);
    const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
    return { owner: parsed.owner ?? null, items: Array.isArray(parsed.items) ? parsed.items : [] };
  } catch {
    return { owner: null, items: [] };
  }
}

function write(stored: Stored): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(stored));
  } catch {
    // Storage full or blocked: the check-in stays in memory for this tab.
  }
}

/**
 * The offline queue of check-ins, kept in localStorage so a closed tab loses nothing. Each item
 * is posted with its device-made UUID; the server stores one row per id, so sending twice (a
 * lost answer, two tabs) is harmless. It sends itself when the browser comes back online, on a
 * timer while anything waits, and right after each new check-in.
 */
class CheckInQueue {
  private listeners = new Set<() => void>();
  private snapshot: QueueSnapshot = { pending: read().items, refused: [], syncing: false };
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Called after a check-in reached the server (to refresh what the screens show). */
  onSent: (item: QueuedCheckIn) => void = () => {};

  start(): void {
    window.addEventListener('online', () => void this.flush());
    window.addEventListener('storage', (e) => {
      if (e.key === storageKey) this.update({ pending: read().items });
    });
    void this.flush();
  }

  /** Only the signed-in person's check-ins stay on the device; anyone else's are dropped. */
  setOwner(userId: string): void {
    const stored = read();
    if (stored.owner !== userId) write({ owner: userId, items: [] });
    else write(stored);
    this.update({ pending: read().items, refused: [] });
    void this.flush();
  }

  add(item: QueuedCheckIn): void {
    const stored = read();
    stored.items.push(item);
    write(stored);
    this.update({ pending: stored.items });
    void this.flush();
  }

  /** Sign-out: nothing of this person stays on the device. */
  clear(): void {
    localStorage.removeItem(storageKey);
    this.update({ pending: [], refused: [] });
  }

  dismissRefused(): void {
    this.update({ refused: [] });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): QueueSnapshot => this.snapshot;

  /** Send what waits, oldest first; one run at a time. */
  flush(): Promise<void> {
    this.running ??= this.send().finally(() => {
      this.running = undefined;
      this.update({ syncing: false });
      this.schedule();
    });
    return this.running;
  }

  private async send(): Promise<void> {
    this.update({ syncing: true });
    for (;;) {
      const items = read().items;
      const first = items[0];
      // Without a CSRF token (opened offline, the server not asked yet) a send would be refused.
      if (!first || !navigator.onLine || !hasCsrfToken()) return;
      // Several waiting (a day offline): one batch request; the server answers each item.
      const batch = items.filter((i) => i.clientId === first.clientId).slice(0, maxBatch);
      try {
        if (batch.length === 1) {
          const { clientId, ...body } = first;
          await request(`/api/clients/${clientId}/check-ins`, { method: 'POST', body });
          this.sent(first);
        } else {
          const { data } = await request<CheckInBatchAnswer>(
            `/api/clients/${first.clientId}/check-ins/batch`,
            { method: 'POST', body: { checkIns: batch.map(({ clientId: _c, ...body }) => body) } },
          );
          for (const item of batch) {
            const result = data.results.find((r) => r.id === item.id);
            if (!result || result.status >= 500) continue;
            if (result.status < 300) this.sent(item);
            else this.refuse(item, result.problem?.detail ?? String(result.status));
          }
          if (data.results.some((r) => r.status >= 500)) return;
        }
      } catch (err) {
        if (err instanceof NetworkError) return;
        if (
          err instanceof ApiError &&
          (err.status === 401 || err.status === 429 || err.status >= 500)
        )
          return;
        // Refused for good (e.g. a value out of range): keep the person informed, stop retrying.
        for (const item of batch.length === 1 ? [first] : batch)
          this.refuse(item, err instanceof Error ? err.message : String(err));
      }
    }
  }

  private sent(item: QueuedCheckIn): void {
    this.remove(item.id);
    this.onSent(item);
  }

  private refuse(item: QueuedCheckIn, detail: string): void {
    this.remove(item.id);
    this.update({ refused: [...this.snapshot.refused, { item, detail }] });
  }

  private remove(id: string): void {
    const stored = read();
    stored.items = stored.items.filter((i) => i.id !== id);
    write(stored);
    this.update({ pending: stored.items });
  }

  private schedule(): void {
    const waiting = this.snapshot.pending.length > 0;
    if (waiting && !this.timer) this.timer = setInterval(() => void this.flush(), retryMs);
    if (!waiting && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private update(patch: Partial<QueueSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}

export const checkInQueue = new CheckInQueue();
