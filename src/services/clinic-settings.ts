import { patchClinicSettingsBody, type ClinicSettingsView } from '../contract/clinic.ts';
import type { ClinicSettings } from '../store/accounts.ts';
import { recordAudit } from '../store/audit.ts';
import { readSettings, updateClinicSettings } from '../store/clinic-settings.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function present(s: ClinicSettings, full: boolean): ClinicSettingsView {
  return full
    ? {
        crisisText: s.crisisText,
        silenceDays: s.silenceDays,
        riskEscalationMinutes: s.riskEscalationMinutes,
        mfaRequiredForStaff: s.mfaRequiredForStaff,
        pairedImprovementRequiresNoDeterioration: s.pairedImprovementRequiresNoDeterioration,
        breakGlassMinutes: s.breakGlassMinutes,
        reminderDefaults: s.reminderDefaults,
        digestTime: s.digestTime,
        digestTimeZone: s.digestTimeZone,
      }
    : { crisisText: s.crisisText };
}

/** The actor's clinic settings: the crisis text for everyone, all of them for an admin. */
export async function getClinicSettings(store: Store, ctx: Ctx): Promise<ClinicSettingsView> {
  const row = await store.db
    .selectFrom('clinics')
    .select('settings')
    .where('id', '=', ctx.actor.clinicId)
    .executeTakeFirstOrThrow();
  return present(readSettings(row.settings), ctx.actor.role === 'admin');
}

/** Change some settings (admin), audited in the same transaction. */
export async function patchClinicSettings(
  store: Store,
  ctx: Ctx,
  input: unknown,
): Promise<ClinicSettingsView> {
  const patch = parse(patchClinicSettingsBody, input, 'body');
  const clinicId = ctx.actor.clinicId;
  const after = await store.db.transaction().execute(async (trx) => {
    const { after } = await updateClinicSettings(trx, clinicId, patch);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'clinic.settings.update',
        clientId: null,
        resource: `clinic/${clinicId}/settings`,
      },
    ]);
    return after;
  });
  return present(after, true);
}
