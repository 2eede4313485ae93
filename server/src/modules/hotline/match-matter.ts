import type { CatalogMatter } from '../catalog/index.js';

/** The catch-all matter (其他事项) a work order falls back to when its category matches nothing. */
export const FALLBACK_MATTER_CODE = 'QT-0205';

/**
 * The matter of a work order without an explicit matter code: the hotline's category text
 * (and then its description) searched for matter names and keywords. Matters with
 * required form fields are skipped, since a call brings no answers to them; the operator
 * can change the matter when registering the case. Pure.
 */
export function matchMatter(
  matters: readonly CatalogMatter[],
  order: { category?: string | undefined; description: string },
): string {
  const category = order.category?.trim() ?? '';
  const description = order.description;
  let best: { code: string; score: number } | null = null;
  for (const matter of matters) {
    if (!matter.active || matter.formFields.some((f) => f.required)) continue;
    let score = 0;
    if (category && (category.includes(matter.name) || matter.name.includes(category))) score += 6;
    if (description.includes(matter.name)) score += 3;
    for (const keyword of matter.keywords) {
      if (category.includes(keyword)) score += 2;
      if (description.includes(keyword)) score += 1;
    }
    if (score > 0 && (!best || score > best.score || (score === best.score && matter.code < best.code))) {
      best = { code: matter.code, score };
    }
  }
  return best?.code ?? FALLBACK_MATTER_CODE;
}
