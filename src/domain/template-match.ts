/**
 * Which of the clinic's goal templates fit a goal being written (issue 10, "break it down"):
 * templates sharing the most meaningful words with what the client said, best first. A
 * suggestion to start from, never a choice made for them. Stepwise design decision.
 */

const STOP = new Set(
  (
    'a an and are as at be by do does for from have i if in into is it its me my of on or ' +
    'so that the their them then this to too was we what when with would you your each ' +
    'day days week weeks time times more less get go be been feel want like'
  ).split(' '),
);

/** The meaningful words of a text, lower case, with a plural "s" dropped. */
export function keywords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 3 || STOP.has(raw)) continue;
    out.add(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
}

/**
 * Up to `limit` templates sharing at least one keyword with `text`, most shared first (ties in
 * the order given). Each template is matched on its title, category and why.
 */
export function matchTemplates<T extends { title: string; category: string; why?: string | null }>(
  text: string,
  templates: readonly T[],
  limit = 3,
): T[] {
  const wanted = keywords(text);
  if (wanted.size === 0) return [];
  return templates
    .map((t, i) => {
      const words = keywords(`${t.title} ${t.category} ${t.why ?? ''}`);
      let score = 0;
      for (const w of wanted) if (words.has(w)) score++;
      return { t, i, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.t);
}
