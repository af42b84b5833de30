import { describe, expect, it } from 'vitest';
import { keywords, matchTemplates } from '../../../src/domain/template-match.ts';

const templates = [
  { title: 'Practise mindfulness for 10 minutes daily', category: 'anxiety', why: null },
  {
    title: 'Do one planned, enjoyable activity each day',
    category: 'low mood',
    why: 'Activity comes before motivation',
  },
  { title: 'Walk 20 minutes three times a week', category: 'activity', why: 'Walking lifts mood' },
];

describe('matchTemplates', () => {
  it('drops little words and plurals', () => {
    expect([...keywords('I want to go for walks with my dogs')]).toEqual(['walk', 'dog']);
  });

  it('ranks by shared words, ties in the given order', () => {
    expect(
      matchTemplates('Feel less anxious and calmer with mindfulness', templates).map(
        (t) => t.category,
      ),
    ).toEqual(['anxiety']);
    expect(
      matchTemplates('lift my low mood with a walk', templates).map((t) => t.category),
    ).toEqual(['activity', 'low mood']);
  });

  it('suggests nothing for nothing, and at most the limit', () => {
    expect(matchTemplates('', templates)).toEqual([]);
    expect(matchTemplates('the and of', templates)).toEqual([]);
    expect(matchTemplates('minutes activity mood mindfulness', templates, 2)).toHaveLength(2);
  });
});
