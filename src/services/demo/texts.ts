import type { Rng } from './prng.ts';

/** Journal sentences by how the day went; entries are two or three of them. */
const shared = {
  low: [
    'Hard day. I stayed in bed until noon and felt guilty about it.',
    'Couldn’t focus at all. Everything felt like too much.',
    'Cancelled plans again. I told myself I was tired, but it was more than that.',
    'Woke at 4 am with my mind racing and never got back to sleep.',
    'I snapped at someone I care about and then spent the evening replaying it.',
    'Felt flat all day, like watching my life through glass.',
  ],
  mid: [
    'An ordinary day. Some worry in the morning, easier by the afternoon.',
    'Did the practice even though I didn’t feel like it. A bit better after.',
    'Mixed day: good talk with a coworker, then a wave of anxiety on the way home.',
    'Noticed the old thought “I always mess this up” and didn’t fully believe it.',
    'Tired, but I kept to the plan for the most part.',
    'Had a wobble at lunch and used the breathing. It took the edge off.',
  ],
  high: [
    'Good day. I went, I stayed, and I even enjoyed some of it.',
    'Felt more like myself today. Laughed properly for the first time in a while.',
    'Finished something I had been avoiding for weeks. Relief.',
    'Slept well and it showed. Calm most of the day.',
    'Caught a worry early and let it pass. That never used to happen.',
    'Proud of myself for following through, even on a busy day.',
  ],
};

/** What people keep to themselves. */
const privateLines = [
  'I haven’t told anyone how much I’ve been struggling with money.',
  'Thinking about my dad again. Some things I am not ready to talk about in session.',
  'I compared myself to my sister all evening and felt small.',
  'Some days I wonder whether therapy is working, and then I feel ungrateful.',
  'I drank more than I said I would. Writing it down so I stop pretending.',
  'Lonely tonight. Scrolled for hours instead of calling anyone.',
  'A memory from school came back today and I couldn’t shake it.',
  'I am scared that if I get better people will expect more from me.',
];

const promptAnswers = [
  'Thinking about it now, it was smaller than it felt at the time.',
  'Writing it down helps me see it more clearly.',
  'I want to bring this to my next session.',
  'Not sure yet. I will come back to this one.',
];

export function journalText(
  rng: Rng,
  mood: number,
  visibility: 'private' | 'shared',
  prompted: boolean,
): string {
  const bank = mood <= 3 ? shared.low : mood <= 6 ? shared.mid : shared.high;
  const lines = [rng.pick(bank)];
  if (visibility === 'private') lines.push(rng.pick(privateLines));
  if (prompted) lines.push(rng.pick(promptAnswers));
  else if (rng.chance(0.5)) lines.push(rng.pick(bank));
  return [...new Set(lines)].join(' ');
}

/** Notes some check-ins carry. */
export const checkInNotes = [
  'Busy day at work.',
  'Felt better after a walk.',
  'Bad night’s sleep.',
  'Weekend away.',
  'Rough morning, better evening.',
];
