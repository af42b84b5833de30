/**
 * Every e-mail Stepwise sends. No health information may leave the app by e-mail, so a template
 * takes no text at all: only which template, and for the therapist digest two counts. Subject
 * and body say that something is waiting and link to it; the content is behind sign-in.
 */
export type EmailMessage =
  | { template: 'notification' }
  | { template: 'reminder' }
  | { template: 'nudge' }
  | { template: 'weekly-summary' }
  | { template: 'privacy-review' }
  | { template: 'digest'; openAlerts: number; silentClients: number };

export type EmailTemplate = EmailMessage['template'];

export interface RenderedEmail {
  subject: string;
  text: string;
}

const footer =
  'For your privacy this e-mail carries no details; sign in to Stepwise to read them.\n' +
  'You can choose which e-mails you get under Reminders in Stepwise.';

function waiting(subject: string, what: string, link: string): RenderedEmail {
  return { subject, text: `Hello,\n\n${what}\n\nOpen Stepwise: ${link}\n\n${footer}\n` };
}

/** Render a message; `baseUrl` is the app's public address (config `PUBLIC_URL`). */
export function renderEmail(message: EmailMessage, baseUrl: string): RenderedEmail {
  const root = baseUrl.replace(/\/+$/, '');
  const inbox = `${root}/notifications`;
  switch (message.template) {
    case 'notification':
      return waiting(
        'Something is waiting for you in Stepwise',
        'You have a new notification in Stepwise.',
        inbox,
      );
    case 'reminder':
      return waiting('A reminder from Stepwise', 'You have a reminder waiting in Stepwise.', inbox);
    case 'nudge':
      return waiting(
        'A message is waiting in Stepwise',
        'Your therapist sent you a message in Stepwise.',
        inbox,
      );
    case 'weekly-summary':
      return waiting('Your week in Stepwise', 'Your weekly summary is ready in Stepwise.', inbox);
    case 'privacy-review':
      return waiting(
        'A record access awaits your review in Stepwise',
        'A break-the-glass access was opened and waits for your review in Stepwise.',
        `${root}/privacy/review`,
      );
    case 'digest': {
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      return {
        subject: 'Your Stepwise digest',
        text:
          `Hello,\n\nToday in Stepwise: ${count(message.openAlerts, 'open alert', 'open alerts')}, ` +
          `${count(message.silentClients, 'client', 'clients')} gone quiet.\n\n` +
          `Open your dashboard: ${root}/\n\n${footer}\n`,
      };
    }
  }
}

/** The template's parameters as stored in `outbox.params` (numbers only, by construction). */
export function emailParams(message: EmailMessage): Record<string, number> {
  if (message.template === 'digest')
    return { openAlerts: message.openAlerts, silentClients: message.silentClients };
  return {};
}

/** Rebuild a stored message from its template name and params. */
export function storedEmail(template: string, params: string): EmailMessage {
  const p = JSON.parse(params) as Record<string, unknown>;
  const num = (k: string) => (typeof p[k] === 'number' ? p[k] : 0);
  switch (template) {
    case 'reminder':
    case 'nudge':
    case 'weekly-summary':
    case 'privacy-review':
    case 'notification':
      return { template };
    case 'digest':
      return { template, openAlerts: num('openAlerts'), silentClients: num('silentClients') };
    default:
      throw new Error(`unknown e-mail template "${template}"`);
  }
}
