import { dehydrate, hydrate, type QueryClient } from '@tanstack/react-query';
import type { DehydratedState, Query } from '@tanstack/react-query';
import type { UserView } from '../../../src/contract/auth.ts';

/**
 * What the client's Today shows, kept on the device so a phone without signal still has it:
 * their record, their goals (steps, practices, measures) and what questionnaires are due.
 * One person's at a time (the owner); signing out, a session ending or another person signing
 * in removes it, like the check-in queue.
 */
const storageKey = 'stepwise.today-cache.v1';
const todayKeys = new Set(['clients', 'goals', 'questionnaires-due']);

interface Stored {
  owner: UserView;
  state: DehydratedState;
}

function read(): Stored | undefined {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

const isToday = (q: Query) => q.state.status === 'success' && todayKeys.has(String(q.queryKey[0]));

class TodayCache {
  private owner: UserView | undefined;
  private unsubscribe: (() => void) | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  /** The person whose Today is on this device, to start with while the server is unreachable. */
  lastOwner(): UserView | undefined {
    return read()?.owner;
  }

  /**
   * A client signed in: put back what this device kept of their Today (queries already in
   * memory are newer and win), then keep it up to date as their queries succeed. Staff keep
   * nothing on the device.
   */
  start(queryClient: QueryClient, user: UserView): void {
    this.stop();
    if (user.role !== 'client') return this.clear();
    const stored = read();
    if (stored && stored.owner.id !== user.id) this.clear();
    else if (stored) hydrate(queryClient, stored.state);
    this.owner = user;
    this.unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success' && isToday(event.query))
        this.saveSoon(queryClient);
    });
    this.saveSoon(queryClient);
  }

  /** Sign-out or an ended session: nothing of this person stays on the device. */
  clear(): void {
    this.stop();
    localStorage.removeItem(storageKey);
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.owner = undefined;
    clearTimeout(this.pending);
  }

  // Several queries land together after a load: one write for all of them.
  private saveSoon(queryClient: QueryClient): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      if (!this.owner) return;
      const state = dehydrate(queryClient, { shouldDehydrateQuery: isToday });
      try {
        localStorage.setItem(storageKey, JSON.stringify({ owner: this.owner, state }));
      } catch {
        // Storage full or blocked: Today still works, only not after a restart offline.
      }
    }, 200);
  }
}

export const todayCache = new TodayCache();
