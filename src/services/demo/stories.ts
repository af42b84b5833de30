import { priyaStories } from './stories-priya.ts';
import { theoStories } from './stories-theo.ts';
import type { DemoStory } from './story-types.ts';

export type { DemoGoal, DemoStory } from './story-types.ts';

/** The five demo clients' stories, in the order they are seeded. */
export const stories: readonly DemoStory[] = [...theoStories, ...priyaStories];
