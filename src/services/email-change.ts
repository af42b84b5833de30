import { changeEmailBody } from '../contract/privacy.ts';
import { conflict, validationError } from '../errors.ts';
import { findUserByEmail, normaliseEmail } from '../store/accounts.ts';
import { recordAudit } from '../store/audit.ts';
import type { LiveSession } from '../store/auth-sessions.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import { isEmail } from './accounts.ts';
import type { Ctx } from './context.ts';
import { requireReauth } from './mfa.ts';

/** Change my sign-in e-mail: like the password and MFA, only after re-authentication. */
export async function changeEmail(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  input: unknown,
): Promise<{ email: string }> {
  requireReauth(session, ctx.now);
  const body = parse(changeEmailBody, input, 'body');
  if (!isEmail(body.email))
    throw validationError([
      { field: 'email', message: 'Enter an e-mail address like name@example.org.' },
    ]);
  const email = normaliseEmail(body.email);
  if (email === ctx.actor.email) return { email };
  await store.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email))
      throw conflict('email-taken', 'An account with this e-mail already exists.');
    await trx.updateTable('users').set({ email }).where('id', '=', ctx.actorId).execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.email-changed', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
  return { email };
}
