import type { Role } from '../store/schema.ts';
import type { Actor } from '../store/scope.ts';
import { forbidden } from '../errors.ts';

/**
 * Every action a route can take. A route declares exactly one (or `public`); the app refuses
 * to register an /api route without one, and the authorization matrix test walks them all.
 */
export const actions = {
  'session.read': ['admin', 'therapist', 'client'],
  'session.end': ['admin', 'therapist', 'client'],
  'mfa.manage': ['admin', 'therapist', 'client'],
  'account.manage': ['admin', 'therapist', 'client'],
  'user.manage': ['admin'],
  'location.read': ['admin'],
  'location.manage': ['admin'],
  'careteam.read': ['admin'],
  'careteam.manage': ['admin'],
  'client.access-report': ['admin', 'client'],
  'client.list': ['admin', 'therapist', 'client'],
  'client.read': ['admin', 'therapist', 'client'],
  'audit.read': ['admin'],
  'goal.read': ['therapist', 'client'],
  'goal.create': ['therapist', 'client'],
  'goal.update': ['therapist', 'client'],
  // Reviewing a goal (keep / adjust / achieved / let go) is the therapist's, in session.
  'goal.review': ['therapist'],
  'step.create': ['therapist'],
  'step.update': ['therapist', 'client'],
  'practice.read': ['therapist', 'client'],
  'practice.create': ['therapist'],
  'practice.update': ['therapist'],
  'practice.log': ['therapist', 'client'],
  'comment.read': ['therapist', 'client'],
  'comment.create': ['therapist', 'client'],
  'template.read': ['admin', 'therapist'],
  'template.manage': ['admin'],
  'smart.check': ['therapist', 'client'],
  // Obstacles and if–then plans (issue 10): the client writes their own plans and marks when
  // the obstacle happened; their therapist does both with them in session.
  'plan.read': ['therapist', 'client'],
  'plan.write': ['therapist', 'client'],
  'plan.use': ['therapist', 'client'],
  // Guided goal setting: together in session, or the client alone between sessions.
  'draft.read': ['therapist', 'client'],
  'draft.write': ['therapist', 'client'],
  // The relapse-prevention plan is the client's to keep; their therapist writes it with them.
  'relapse-plan.read': ['therapist', 'client'],
  'relapse-plan.write': ['therapist', 'client'],
  // Measurement (issue 4). Admins run the clinic, not the therapy: no clinical record reads,
  // but they see and acknowledge alerts, which escalate to them.
  'measure.read': ['therapist', 'client'],
  'measure.create': ['therapist'],
  'measure.update': ['therapist'],
  'checkin.read': ['therapist', 'client'],
  'checkin.create': ['therapist', 'client'],
  'progress.read': ['therapist', 'client'],
  'instrument.read': ['admin', 'therapist', 'client'],
  'questionnaire.read': ['therapist', 'client'],
  'questionnaire.submit': ['therapist', 'client'],
  'questionnaire.schedule': ['therapist'],
  'outcome.read': ['therapist', 'client'],
  'gas.read': ['therapist', 'client'],
  'gas.rate': ['therapist'],
  'alert.read': ['admin', 'therapist'],
  'alert.acknowledge': ['admin', 'therapist'],
  'therapy-session.read': ['therapist', 'client'],
  'therapy-session.write': ['therapist'],
  'client.digest': ['therapist'],
  // The journal: only its client writes it; their care team reads the shared entries only.
  'journal.read': ['therapist', 'client'],
  'journal.write': ['client'],
  'journal.prompts': ['therapist', 'client'],
  'clinic.settings.read': ['admin', 'therapist', 'client'],
  'clinic.settings.update': ['admin'],
  // Exports of a client's record (issue 6). Staff exports never carry private journal entries
  // or clinician-only notes; the client's own copy carries their private journal too.
  'record.fhir': ['admin', 'therapist', 'client'],
  'record.export': ['admin', 'therapist', 'client'],
  'record.csv': ['therapist'],
  'report.read': ['therapist'],
  'report.summary': ['therapist'],
  'correction.read': ['admin', 'therapist', 'client'],
  'correction.request': ['client'],
  'correction.resolve': ['therapist'],
  'outcomes.summary': ['admin'],
  // Consent directives (issue 9): the client withholds parts of their record; an admin records
  // one on the client's written request. Staff they bind never read them (a count shows instead).
  'consent.read': ['admin', 'client'],
  'consent.manage': ['admin', 'client'],
  // Break-the-glass (issue 9): a therapist opens a record outside their caseload for a while;
  // the privacy officer (an admin with the flag, checked by the service) reviews every grant.
  'break-glass.open': ['therapist'],
  'privacy.review': ['admin'],
  // Reaching out (issue 8): everyone reads their own notifications; admins see the e-mail outbox.
  'notification.read': ['admin', 'therapist', 'client'],
  'notification.update': ['admin', 'therapist', 'client'],
  'nudge.send': ['therapist'],
  // The care team may see when a client is reminded; only the client chooses.
  'reminders.read': ['therapist', 'client'],
  'reminders.update': ['client'],
  'outbox.read': ['admin'],
  'outbox.retry': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof actions;

export function isAction(x: unknown): x is Action {
  return typeof x === 'string' && Object.hasOwn(actions, x);
}

/** May this role ever take this action? Deny by default: an action not listed is refused. */
export function roleMay(role: Role, action: Action): boolean {
  const allowed: readonly Role[] = actions[action] ?? [];
  return allowed.includes(role);
}

/** Throw 403 unless the actor's role may take the action at all (record scope is checked by 404). */
export function authorize(actor: Actor, action: Action): void {
  if (!roleMay(actor.role, action)) throw forbidden();
}
