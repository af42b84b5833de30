import type { AuditContext } from '../store/audit.ts';

/** Audit context of work the system does on its own (no actor, no address). */
export const systemAudit = (now: Date): AuditContext => ({ actorId: null, ip: null, now });
