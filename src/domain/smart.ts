import { daysBetween, dayNumber } from './calendar.ts';
import { DomainError } from './errors.ts';

/**
 * The SMART check of a goal statement (clinical/SPEC.md §8). No validated automated checker
 * exists, so every rule here is a Stepwise design decision in the spirit of the SPEC's proposed
 * checks (S1, M1, M2, T1, A1): a helper for writing goals together, never a judgement.
 */

export type SmartCriterion = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'time-bound';

export const smartCriteria: readonly SmartCriterion[] = [
  'specific',
  'measurable',
  'achievable',
  'relevant',
  'time-bound',
];

export interface SmartHint {
  criterion: SmartCriterion;
  code: string;
  message: string;
}

export type MeasureKind = 'count' | 'scale' | 'minutes' | 'yesno';
export type Better = 'higher' | 'lower';

export interface SmartInput {
  title: string;
  why?: string | null;
  measure?: { kind: MeasureKind; better: Better; name?: string } | null;
  baseline?: number | null;
  target?: number | null;
  /** YYYY-MM-DD */
  dueDate?: string | null;
  /** YYYY-MM-DD, the client's day */
  today: string;
}

export interface SmartResult {
  met: SmartCriterion[];
  hints: SmartHint[];
}

/**
 * The most change per week that Stepwise calls achievable without a hint (a design decision,
 * not a validated rule): on a 0–10 scale, 1 point a week (10% of the scale); for counts and
 * minutes, a quarter of the larger of baseline and target a week — so halving a habit is given
 * at least 2 weeks, and stopping one or starting from zero at least 4. Yes/no measures are not
 * checked: any change there is a single step.
 */
export const achievableLimits = { scalePointsPerWeek: 1, countShareOfSizePerWeek: 0.25 } as const;

// Directions without an amount, and feelings no one else can see (SPEC §8 S1's "vague-only
// wording"). Only the wording matters here; a number next to an action verb outweighs it.
const VAGUE: readonly RegExp[] = [
  /\btry(?:ing)? (?:to|and)\b/,
  /\b(?:improve|improving|improved)\b/,
  /\b(?:work|working) on\b/,
  /\bdeal(?:ing)? with\b/,
  /\bcope\b|\bcoping\b/,
  /\bfeel(?:ing)?(?: (?:a lot|a bit|much|so|more|less))?(?: \w+)?/,
  /\bstop worrying\b|\bworry less\b/,
  /\b(?:better|happier|calmer|healthier|stronger|kinder|nicer|easier)\b/,
  /\b(?:more|less|fewer)\b(?: (?!(?:by|than|of|to|in|on|at|and|or|the|a|an|for|with)\b)\w+)?/,
  /\b(?:confident|positive|anxious|stressed|depressed|worried|relaxed|motivated|calm|happy)\b/,
  /\b(?:reduc|increas|decreas|limit)(?:e|es|ed|ing|s)?\b|\bcut(?:ting)? (?:down|back)\b/,
  /\bget over\b|\bmove on\b|\bbe okay\b|\bbe ok\b|\bbe fine\b/,
];

// Things someone could see you do (SPEC §8 S1's "observable verb"). Matched as whole words,
// with -s/-ed/-ing endings; a few phrasal verbs are listed whole.
const ACTION_STEMS = (
  'walk,run,jog,swim,cycle,bike,ride,stretch,exercise,work out,call,phone,text,email,' +
  'message,write,journal,read,draw,paint,practise,practice,meditate,breathe,pray,sit,' +
  'spend,take,go,leave,attend,visit,meet,join,invite,ask,say,tell,talk,speak,reach out,' +
  'sleep,wake,get up,get out,go to bed,eat,cook,drink,smoke,vape,have,limit,reduce,' +
  'cut down,cut back,skip,avoid,stop,quit,use,rate,log,record,track,list,plan,schedule,' +
  'book,apply,study,clean,tidy,wash,shower,do,make,complete,finish,send,play,volunteer,' +
  'garden,check,hug,thank,share,listen'
).split(',');
const IRREGULAR = (
  'ran,swam,rode,wrote,written,went,gone,left,met,spent,took,taken,said,told,spoke,' +
  'slept,woke,ate,eaten,drank,had,has,did,does,made,sent,sat,read'
).split(',');

const ACTION_RE = new RegExp(
  `\\b(?:${ACTION_STEMS.map((s) => {
    const [first, ...rest] = s.split(' ');
    const stem = (first ?? '').replace(/e$/, '');
    const last = (first ?? '').slice(-1);
    const inflected = `(?:${first}|${stem}(?:es|s|ed|ing|d)|${first}${last}(?:ed|ing))`;
    return [inflected, ...rest].join(' ');
  }).join('|')}|${IRREGULAR.join('|')})\\b`,
);

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|' +
  'forty|fifty|sixty|ninety|hundred|once|twice|half|zero|every|each';
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend|weeknight';
const QUANTITY: readonly RegExp[] = [
  /\d/,
  new RegExp(`\\b(?:${NUMBER_WORDS})\\b`),
  /\b(?:daily|nightly|weekly|fortnightly|monthly|hourly)\b/,
  /\b(?:a|an|per) (?:day|night|week|month|hour|minute|morning|evening)\b/,
  new RegExp(`\\b(?:on|most) (?:${DAYS})s\\b|\\b(?:${DAYS})s\\b`),
];

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// A deadline says when, not how much: it is not the number a goal needs to be specific.
const DEADLINE: readonly RegExp[] = [
  /\b\d{4} \d{2} \d{2}\b/g, // 2026-03-31, once normalize() has turned dashes into spaces
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g,
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTHS})\\b`, 'g'),
  new RegExp(`\\b(?:${MONTHS}) \\d{1,2}(?:st|nd|rd|th)?\\b`, 'g'),
  /\b(?:19|20)\d{2}\b/g,
  /\b(?:in|within) (?:\d+|a|one|two|three|four|six) (?:days?|weeks?|months?|years?)\b/g,
];

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[-\u2013\u2014]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function finite(field: string, v: number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isFinite(v)) throw new DomainError(field, 'Expected a number.');
  return v;
}

/** How a goal's title reads: the facts the "specific" rule (SPEC §8 S1) is made of. */
export function readTitle(title: string): {
  action: boolean;
  quantity: boolean;
  vague: string | null;
} {
  const t = normalize(title);
  let undated = t;
  for (const re of DEADLINE) undated = undated.replace(re, ' ');
  const vagueMatch = VAGUE.map((re) => re.exec(t)).find((m) => m !== null);
  return {
    action: ACTION_RE.test(t),
    quantity: QUANTITY.some((re) => re.test(undated)),
    vague: vagueMatch ? vagueMatch[0] : null,
  };
}

/**
 * Checks a goal against SMART (SPEC §8; Doran 1981). Stepwise's rules (design, not validated):
 * - specific: a measure with a target is given, or the title has an observable action verb and
 *   either a number/frequency/duration or no vague wording (S1);
 * - measurable: a measure (M1) and a target value (M2);
 * - achievable: unless the baseline already meets the target in the better direction (A1), or
 *   the change per week needed by the due date exceeds `achievableLimits`;
 * - relevant: the client's "why" has at least two words;
 * - time-bound: a due date that is today or later (a past one is accepted, with a hint) (T1).
 */
export function checkSmart(input: SmartInput): SmartResult {
  const today = input.today;
  dayNumber(today, 'today');
  const due = input.dueDate ?? null;
  if (due !== null) dayNumber(due, 'dueDate');
  const baseline = finite('baseline', input.baseline);
  const target = finite('target', input.target);
  const measure = input.measure ?? null;
  const hints: SmartHint[] = [];

  // Specific.
  const title = readTitle(input.title ?? '');
  const measuredTarget = measure !== null && target !== null;
  const specific = measuredTarget || (title.action && (title.quantity || title.vague === null));
  if (!specific) {
    hints.push(
      title.vague !== null
        ? {
            criterion: 'specific',
            code: 'vague-wording',
            message: `Words like "${title.vague}" are hard to see or count. Say what you will do and how often, such as "walk for 20 minutes, 3 times a week".`,
          }
        : {
            criterion: 'specific',
            code: 'action-missing',
            message:
              'Start with something you will do that someone else could notice, such as "call", "walk" or "write".',
          },
    );
  }

  // Measurable.
  if (measure === null) {
    hints.push({
      criterion: 'measurable',
      code: 'measure-missing',
      message: "Add a number you can count or rate, such as 'panic attacks per week'.",
    });
  }
  if (target === null) {
    hints.push({
      criterion: 'measurable',
      code: 'target-missing',
      message: "Choose the number you are aiming for, such as 'at most 1 a week'.",
    });
  }

  // Achievable.
  if (measure !== null && baseline !== null && target !== null) {
    const alreadyMet = measure.better === 'higher' ? baseline >= target : baseline <= target;
    if (alreadyMet) {
      hints.push({
        criterion: 'achievable',
        code: 'target-already-met',
        message:
          'Where you are now already reaches this target. Choose a target a step beyond where you are today.',
      });
    } else if (due !== null && tooFar(measure.kind, baseline, target, daysBetween(today, due))) {
      hints.push({
        criterion: 'achievable',
        code: 'target-too-far',
        message:
          'This is a big change for the time you have given it. Try a smaller first target, or a later date.',
      });
    }
  }

  // Relevant.
  const whyWords = (input.why ?? '').split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (whyWords.length < 2) {
    hints.push({
      criterion: 'relevant',
      code: 'why-missing',
      message: 'Say in your own words why this matters to you.',
    });
  }

  // Time-bound.
  if (due === null) {
    hints.push({
      criterion: 'time-bound',
      code: 'due-date-missing',
      message: 'Pick a date to aim for, so you both know when to look back at how it went.',
    });
  } else if (due < today) {
    hints.push({
      criterion: 'time-bound',
      code: 'due-date-past',
      message: 'This date has already passed. Choose a new date to aim for.',
    });
  }

  const missed = new Set(hints.map((h) => h.criterion));
  return { met: smartCriteria.filter((c) => !missed.has(c)), hints };
}

/** Whether reaching `target` from `baseline` in `days` needs more than `achievableLimits`. */
function tooFar(kind: MeasureKind, baseline: number, target: number, days: number): boolean {
  if (days < 0 || kind === 'yesno') return false; // a past date has its own hint
  const weeks = Math.max(days, 1) / 7;
  const perWeek = Math.abs(target - baseline) / weeks;
  if (kind === 'scale') return perWeek > achievableLimits.scalePointsPerWeek;
  const size = Math.max(Math.abs(baseline), Math.abs(target));
  return perWeek > achievableLimits.countShareOfSizePerWeek * size;
}
