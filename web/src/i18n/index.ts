import { en, type Messages } from './en.ts';

/**
 * Every string the web app shows comes from one messages module. French (fr.ts, same shape as
 * en.ts) slots in here when a clinic needs it.
 */
export const t: Messages = en;
export const locale = 'en-CA';
