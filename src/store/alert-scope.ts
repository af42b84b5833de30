import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.ts';
import { visibleClients, type Actor } from './scope.ts';

/**
 * Which alerts an actor sees, as a condition on `alerts`: a therapist those of the clients on
 * their care team; an admin the clinic's escalated ones (a risk alert nobody acknowledged in
 * time, see `jobs/risk-escalation.ts`); a client none.
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
              .where(visibleClients(actor)),
          ),
        ]);
      case 'client':
        return eb.lit(false);
    }
  };
}
