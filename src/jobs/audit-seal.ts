import { sealAudit } from '../store/audit.ts';
import type { Job } from './job.ts';

/** How often the audit chain is extended: the lag between an access and its tamper evidence. */
export const auditSealEveryMs = 1000;

/**
 * Link the audit events written since the last run into the hash chain (`store/audit.ts`).
 * Runs on its own one-second runner beside the other jobs, in whichever process claims it.
 */
export const auditSealJob: Job = {
  name: 'audit-seal',
  everyMs: auditSealEveryMs,
  async run({ store }) {
    return { sealed: await sealAudit(store) };
  },
};
