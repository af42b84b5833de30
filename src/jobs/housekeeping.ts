import { pruneSessions } from '../store/auth-sessions.ts';
import { pruneFailures } from '../store/login-throttle.ts';
import { hourMs, type Job } from './job.ts';

/** Delete expired sign-in sessions and failed-login records older than the throttle window. */
export const housekeepingJob: Job = {
  name: 'housekeeping',
  everyMs: hourMs,
  async run({ store, now }) {
    return {
      sessions: await pruneSessions(store.db, now),
      loginFailures: await pruneFailures(store.db, now),
    };
  },
};
