import type { AuditContext } from '../store/audit.ts';
import type { Actor } from '../store/scope.ts';

/** Who is acting, from where, and the request's "now": what every service call receives. */
export interface Ctx extends AuditContext {
  actor: Actor;
  actorId: string;
}
