/**
 * Item answers (0–3 each) that add up to `total`, filling items in order. PHQ-9 item 9 (the
 * risk item) stays 0 unless `item9` is given, so a test raises a risk alert only on purpose.
 */
export function answersFor(instrument: 'phq9' | 'gad7', total: number, item9 = 0): number[] {
  const n = instrument === 'phq9' ? 9 : 7;
  const answers = Array<number>(n).fill(0);
  let left = total;
  if (instrument === 'phq9') {
    answers[8] = item9;
    left -= item9;
  }
  const fillable = instrument === 'phq9' ? 8 : n;
  for (let i = 0; i < fillable && left > 0; i++) {
    answers[i] = Math.min(3, left);
    left -= answers[i]!;
  }
  if (left !== 0)
    throw new Error(`cannot make ${instrument} total ${total} with item 9 = ${item9}`);
  return answers;
}
