import type { NewMeasure } from '../contract/goals.ts';
import type { PracticeSchedule } from '../domain/practice.ts';

export interface TemplateContent {
  category: string;
  title: string;
  why?: string;
  measure?: NewMeasure;
  steps: { title: string }[];
  practices: { title: string; schedule: PracticeSchedule; minutes?: number }[];
}

/**
 * The starting library every clinic gets. Therapists start from these and make them the
 * client's own; admins can archive them or add their own.
 */
export const defaultTemplates: readonly TemplateContent[] = [
  {
    category: 'anxiety',
    title: 'Practise mindfulness for 10 minutes daily',
    why: 'To notice anxious thoughts without being carried away by them.',
    measure: { name: 'Anxiety today', kind: 'scale', unit: '0–10', better: 'lower' },
    steps: [
      { title: 'Choose a quiet time and place' },
      { title: 'Try three guided recordings and pick one' },
    ],
    practices: [{ title: 'Mindfulness practice', schedule: { kind: 'daily' }, minutes: 10 }],
  },
  {
    category: 'low mood',
    title: 'Do one planned, enjoyable activity each day',
    why: 'Activity comes before motivation; small pleasures rebuild momentum.',
    measure: { name: 'Mood today', kind: 'scale', unit: '0–10', better: 'higher' },
    steps: [
      { title: 'List ten activities I used to enjoy' },
      { title: 'Schedule this week’s activities' },
    ],
    practices: [{ title: 'Planned activity', schedule: { kind: 'daily' } }],
  },
  {
    category: 'sleep',
    title: 'Keep a regular wake-up time, 7 days a week',
    why: 'A steady rhythm is the strongest lever on sleep.',
    measure: { name: 'Hours slept', kind: 'count', unit: 'hours', better: 'higher' },
    steps: [
      { title: 'Pick a wake-up time I can keep' },
      { title: 'Move the phone charger out of the bedroom' },
    ],
    practices: [
      { title: 'Up at my wake-up time', schedule: { kind: 'daily' } },
      { title: 'Wind-down routine', schedule: { kind: 'daily' }, minutes: 20 },
    ],
  },
  {
    category: 'panic',
    title: 'Have at most 1 panic attack per week',
    why: 'To go back to the places panic has taken from me.',
    measure: { name: 'Panic attacks', kind: 'count', unit: 'per day', better: 'lower' },
    steps: [{ title: 'Learn the panic cycle' }, { title: 'Build an exposure ladder' }],
    practices: [
      { title: 'Slow breathing', schedule: { kind: 'daily' }, minutes: 5 },
      { title: 'One exposure step', schedule: { kind: 'weekly', timesPerWeek: 3 } },
    ],
  },
  {
    category: 'social connection',
    title: 'Contact a friend or family member 3 times a week',
    why: 'Feeling connected makes everything else easier.',
    measure: { name: 'Social contacts', kind: 'count', unit: 'per day', better: 'higher' },
    steps: [{ title: 'Write the names of five people I could reach out to' }],
    practices: [{ title: 'Reach out to someone', schedule: { kind: 'weekly', timesPerWeek: 3 } }],
  },
  {
    category: 'substance use',
    title: 'Drink alcohol on at most 2 days a week',
    why: 'To feel clear-headed and keep my promises to myself.',
    measure: { name: 'Drinks', kind: 'count', unit: 'per day', better: 'lower' },
    steps: [
      { title: 'Note my usual triggers' },
      { title: 'Plan alternatives for the hardest evening' },
    ],
    practices: [
      { title: 'Alcohol-free day', schedule: { kind: 'weekdays', days: [1, 2, 3, 4, 5] } },
    ],
  },
  {
    category: 'physical activity',
    title: 'Go for a 20-minute walk 3 times a week',
    why: 'Movement lifts my mood and helps me sleep.',
    measure: { name: 'Minutes walked', kind: 'minutes', unit: 'min', better: 'higher' },
    steps: [{ title: 'Find a route I like' }],
    practices: [{ title: 'Walk', schedule: { kind: 'weekly', timesPerWeek: 3 }, minutes: 20 }],
  },
];
