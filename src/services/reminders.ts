import {
  reminderSettingsBody,
  snoozeBody,
  type ReminderSettingsView,
} from '../contract/reminders.ts';
import { AppError, notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import type { Store } from '../store/db.ts';
import { ownNotification } from '../store/notifications.ts';
import { snoozeReminder } from '../store/reminder-snoozes.ts';
import { saveReminderSettings, storedReminderSettings } from '../store/reminders.ts';
import { findVisibleClient } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

/** The client's reminder settings: their own, or the clinic's defaults until they choose. */
export async function getReminderSettings(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<ReminderSettingsView> {
  return store.db.transaction().execute(async (trx) => {
    const client = await findVisibleClient(trx, ctx.actor, clientId);
    if (!client) throw notFound('client');
    const own = await storedReminderSettings(trx, clientId);
    const settings = own ?? (await clinicSettings(trx, ctx.actor.clinicId)).reminderDefaults;
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'reminders.read', clientId, resource: `client/${clientId}/reminders` },
    ]);
    return { settings, source: own ? 'client' : 'clinic', timeZone: client.time_zone };
  });
}

/** Only the client sets their own reminders (the policy lets no one else call this). */
export async function putReminderSettings(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<ReminderSettingsView> {
  const client = await findVisibleClient(store.db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  const settings = parse(reminderSettingsBody, input, 'body');
  await store.db.transaction().execute(async (trx) => {
    await saveReminderSettings(trx, clientId, settings, ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'reminders.update', clientId, resource: `client/${clientId}/reminders` },
    ]);
  });
  return { settings, source: 'client', timeZone: client.time_zone };
}

/** Hide one of the user's reminders for a while; it comes back if still undone that day. */
export async function snoozeNotification(
  store: Store,
  ctx: Ctx,
  id: string,
  input: unknown,
): Promise<{ id: string; snoozedUntil: string }> {
  const own = await ownNotification(store.db, ctx.actorId, id);
  if (!own) throw notFound('notification');
  const { minutes } = parse(snoozeBody, input, 'body');
  if (own.kind !== 'reminder')
    throw new AppError(409, 'not-a-reminder', 'Only a reminder can be snoozed.');
  const until = new Date(ctx.now.getTime() + minutes * 60_000);
  await store.db.transaction().execute(async (trx) => {
    await snoozeReminder(trx, id, until, ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'notification.snooze', clientId: own.client_id, resource: `notification/${id}` },
    ]);
  });
  return { id, snoozedUntil: until.toISOString() };
}
