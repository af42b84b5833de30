import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.ts';
import { recordWithheld } from './consent.ts';
import { clientsInReach, type Actor } from './scope.ts';

/**
 * Which alerts an actor sees, as a condition on `alerts`: a therapist those of the clients on
 * their care team; an admin the clinic's escalated ones (a risk alert nobody acknowledged in
 * time, see `jobs/risk-escalation.ts`); a client none.
 *
 * A risk alert reaches the care team even when the client withheld the whole record from them
 * (PHIPA s. 40(1): disclosure to reduce a significant risk of serious bodily harm) — with its
 * content withheld (`alertWithheld`); other alerts of a locked record stay hidden.
 */
export function visibleAlerts(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'alerts'>) => {
    const inClinic = eb('alerts.clinic_id', '=', actor.clinicId);
    switch (actor.role) {
      case 'admin':
        return eb.and([inClinic, eb('alerts.escalated_at', 'is not', null)]);
      case 'therapist':
        return eb.and([
          inClinic,
          eb.exists(
            eb
              .selectFrom('clients')
              .select('clients.id')
              .whereRef('clients.id', '=', 'alerts.client_id')
              .where(clientsInReach(actor)),
          ),
          eb.or([
            eb('alerts.kind', '=', 'risk'),
            eb.not(recordWithheld(actor, 'alerts.client_id')),
          ]),
        ]);
      case 'client':
        return eb.lit(false);
    }
  };
}
