/** `10b5-1`, `10b5–1`, `10b-5-1`, `10b5 1`, `10b51`, any case. */
const RULE = /10b-?5[\s\-\u2010-\u2015]?1/i;
/** A negation before the mention in the same sentence: "not pursuant to a Rule 10b5-1 plan". */
const NEGATED = /\b(?:not|no|neither|nor|without)\b/i;

/**
 * True when `text` says a trade was made under a Rule 10b5-1 plan: some sentence mentions the
 * rule with no negation before the mention ("not", "no", "neither", "nor", "without"), so
 * "was not made pursuant to a Rule 10b5-1 trading plan" does not count.
 */
export function mentionsRule10b51(text: string): boolean {
  if (!RULE.test(text)) return false;
  for (const sentence of text.split(/(?<=[.;])\s+/)) {
    const at = sentence.search(RULE);
    if (at !== -1 && !NEGATED.test(sentence.slice(0, at))) return true;
  }
  return false;
}
