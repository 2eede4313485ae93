/**
 * The negative list (负面清单): what a community fund may not pay for. A rule is set for a
 * county, town or community and applies to every community under it; it names expense
 * purposes it forbids outright and/or words that, found in a spending's title or note, mark
 * it as forbidden. A spending that matches a rule is refused with that rule's name.
 */
export interface NegativeRule {
  id: string;
  name: string;
  /** Expense purposes this rule forbids whatever the wording. */
  purposes: readonly string[];
  /** Words that mark a spending as forbidden (matched without regard to case or spaces). */
  keywords: readonly string[];
}

export interface SpendingText {
  purpose: string;
  title: string;
  note?: string | null | undefined;
}

/** Lower case with whitespace removed, so "红 包" and "Gift Card" match "红包" and "gift card". */
const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, '');

/** The first rule the spending falls under (rules in the order given: the wider region's first), or null. */
export function matchNegativeList(spending: SpendingText, rules: readonly NegativeRule[]): NegativeRule | null {
  const text = normalize(`${spending.title} ${spending.note ?? ''}`);
  for (const rule of rules) {
    if (rule.purposes.includes(spending.purpose)) return rule;
    if (rule.keywords.some((word) => normalize(word) !== '' && text.includes(normalize(word)))) return rule;
  }
  return null;
}
