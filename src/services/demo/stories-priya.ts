import { lerp, type DemoStory } from './story-types.ts';

/** Priya's caseload in Whitby: slowly improving, and gone silent. */
export const priyaStories: DemoStory[] = [
  {
    email: 'alex@insight.example',
    kind: 'improving',
    progress: (t) => 0.65 * t ** 0.9,
    engagement: () => 0.8,
    phq9: (t) => lerp(16, 9, t),
    gad7: (t) => lerp(11, 7, t),
    goals: [
      {
        title: 'Worry less about work in the evenings',
        why: 'I want my evenings back for my kids.',
        measure: { name: 'Evening worry', kind: 'scale', better: 'lower' },
        baseline: 8,
        target: 3,
        dueInDays: 90,
        noise: 0.9,
        steps: [
          { title: 'Write a shutdown list at 5 pm', dueT: 0.1, doneT: 0.1 },
          { title: 'Turn off work e-mail on my phone after 7', dueT: 0.3, doneT: 0.4 },
        ],
        practices: [{ title: 'Worry time at 6 pm', schedule: { kind: 'daily' }, minutes: 15 }],
        comments: [
          { by: 'client', t: 0.5, body: 'The worry time is odd but it works.' },
          { by: 'therapist', t: 0.52, body: 'Good noticing. Keep the notebook by the door.' },
        ],
      },
      {
        title: 'Practise mindfulness 10 minutes a day',
        why: 'It helps me notice the worry before it runs away.',
        measure: { name: 'Minutes of practice', kind: 'minutes', unit: 'min', better: 'higher' },
        baseline: 0,
        target: 10,
        dueInDays: 60,
        parent: 0,
        pace: 1.2,
        noise: 2,
        steps: [{ title: 'Install a meditation timer', dueT: 0.05, doneT: 0.05 }],
        practices: [{ title: 'Mindful breathing', schedule: { kind: 'daily' }, minutes: 10 }],
        comments: [],
      },
      {
        title: 'Take a proper lunch break',
        why: 'Eating at my desk keeps me in work mode all day.',
        measure: { name: 'Took a lunch break', kind: 'yesno', better: 'higher' },
        baseline: 0,
        target: 1,
        dueInDays: 40,
        startT: 0.35,
        pace: 1.2,
        noise: 0,
        steps: [{ title: 'Block 12:30–1:00 in my calendar', dueT: 0.4, doneT: 0.4 }],
        practices: [],
        comments: [
          { by: 'therapist', t: 0.36, body: 'Added after our review: small, daily, visible.' },
        ],
      },
    ],
  },
  {
    email: 'robin@insight.example',
    kind: 'silent',
    progress: (t) => 0.55 * t,
    engagement: () => 0.75,
    phq9: (t) => lerp(10, 7, t),
    gad7: (t) => lerp(12, 8, t),
    silentDays: 10,
    goals: [
      {
        title: 'Cook dinner at home four nights a week',
        why: 'Takeout every night is expensive and I feel sluggish.',
        measure: { name: 'Cooked dinner', kind: 'yesno', better: 'higher' },
        baseline: 0,
        target: 1,
        dueInDays: 50,
        noise: 0,
        steps: [
          { title: 'Plan meals on Sunday', dueT: 0.1, doneT: 0.15 },
          { title: 'Learn three easy recipes', dueT: 0.5, doneT: 0.6 },
        ],
        practices: [{ title: 'Sunday meal plan', schedule: { kind: 'weekdays', days: [0] } }],
        comments: [{ by: 'client', t: 0.6, body: 'Made the lentil soup twice this week.' }],
      },
      {
        title: 'Feel calmer before night shifts',
        why: 'I dread going in and it ruins my afternoon.',
        measure: { name: 'Calm before shift', kind: 'scale', better: 'higher' },
        baseline: 3,
        target: 7,
        dueInDays: 70,
        noise: 1,
        steps: [{ title: 'Try box breathing on the bus', dueT: 0.2, doneT: 0.3 }],
        practices: [
          { title: 'Box breathing before shifts', schedule: { kind: 'weekly', timesPerWeek: 4 } },
        ],
        comments: [
          {
            by: 'therapist',
            t: 0.975,
            body: 'Haven’t seen your check-ins this week. How are the shifts going?',
          },
        ],
      },
    ],
  },
];
