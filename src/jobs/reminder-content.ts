import type { ReminderKind } from '../domain/reminders.ts';
import type { Db } from '../store/db.ts';
import {
  checkInOutstanding,
  practicesOutstanding,
  questionnairesOutstanding,
  stepsOutstanding,
} from '../store/reminders.ts';

/** What a reminder says in the app (never in an e-mail); null when there is nothing left to do. */
export interface ReminderContent {
  title: string;
  body: string;
  link: string;
}

const instrumentNames: Record<string, string> = { phq9: 'PHQ-9', gad7: 'GAD-7' };

/** The reminder of `kind` for the client's `date`, built from what is still undone right now. */
export async function reminderContent(
  db: Db,
  client: { clientId: string; timeZone: string },
  kind: ReminderKind,
  date: string,
): Promise<ReminderContent | null> {
  switch (kind) {
    case 'checkIn':
      return (await checkInOutstanding(db, client.clientId, date))
        ? {
            title: 'Time for today’s check-in',
            body: 'It takes a few seconds: how did today go?',
            link: '/',
          }
        : null;
    case 'practices': {
      const due = await practicesOutstanding(db, client.clientId, date);
      if (due.length === 0) return null;
      return {
        title: due.length === 1 ? 'One practice for today' : `${due.length} practices for today`,
        body: due.map((p) => p.title).join(' · '),
        link: '/',
      };
    }
    case 'steps': {
      const due = await stepsOutstanding(db, client.clientId, date);
      if (due.length === 0) return null;
      const when = (d: string) => (d === date ? 'due today' : 'due tomorrow');
      return {
        title:
          due.length === 1 ? `A step is ${when(due[0]!.dueDate)}` : `${due.length} steps due soon`,
        body: due.map((s) => `${s.title} (${when(s.dueDate)})`).join(' · '),
        link: `/goals/${due[0]!.goalId}`,
      };
    }
    case 'questionnaires': {
      const due = await questionnairesOutstanding(db, client.clientId, date, client.timeZone);
      if (due.length === 0) return null;
      const names = due.map((i) => instrumentNames[i] ?? i);
      return {
        title:
          due.length === 1
            ? `A questionnaire is ready: ${names[0]}`
            : `${due.length} questionnaires are ready`,
        body: `${names.join(' and ')}: a few minutes, and your therapist sees how things are going.`,
        link: `/questionnaires/${due[0]}`,
      };
    }
  }
}
