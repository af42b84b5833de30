import type { JournalPrompt } from '../contract/journal.ts';

/**
 * Reflection prompts offered above a new journal entry, for self-awareness between sessions.
 * Written for Stepwise in plain language; the ids are stable so a chosen prompt can be counted.
 */
export const journalPrompts: readonly JournalPrompt[] = [
  {
    id: 'noticed-today',
    theme: 'noticing',
    text: 'What did you notice about your mood today, and what was happening around it?',
  },
  {
    id: 'body-signal',
    theme: 'noticing',
    text: 'Where in your body did you feel stress or ease today? What was it telling you?',
  },
  {
    id: 'thought-check',
    theme: 'noticing',
    text: 'Which thought kept coming back today? How true does it feel now, from 0 to 10?',
  },
  {
    id: 'mattered',
    theme: 'values',
    text: 'What did you do today that matters to you, even a little?',
  },
  {
    id: 'kind-person',
    theme: 'values',
    text: 'What would the person you want to be have done differently today?',
  },
  {
    id: 'small-step',
    theme: 'progress',
    text: 'What small step toward one of your goals did you take this week?',
  },
  {
    id: 'got-in-way',
    theme: 'progress',
    text: 'What got in the way of your plan, and what might help next time?',
  },
  {
    id: 'hard-moment',
    theme: 'coping',
    text: 'Describe a hard moment. What did you do to get through it, and how did it work?',
  },
  {
    id: 'tell-friend',
    theme: 'coping',
    text: 'If a friend were in your situation, what would you tell them?',
  },
  {
    id: 'connection',
    theme: 'relationships',
    text: 'Who did you feel connected to today? What made that possible?',
  },
  {
    id: 'boundary',
    theme: 'relationships',
    text: 'Was there a moment you said yes but meant no? What would you say next time?',
  },
  {
    id: 'three-good',
    theme: 'gratitude',
    text: 'Name three things that went well today, however small, and why they went well.',
  },
];
