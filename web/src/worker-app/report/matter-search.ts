import type { FrequentMatter, Matter } from '@yiwang/contracts';

/** What the picker needs of a matter (the catalog row is much larger; only this is kept on the phone). */
export type MatterChoice = Pick<
  Matter,
  'code' | 'name' | 'nameEn' | 'pinyinInitials' | 'keywords' | 'duplicateRadiusMeters' | 'formFields'
>;

export const toChoice = (m: Matter): MatterChoice => ({
  code: m.code,
  name: m.name,
  nameEn: m.nameEn,
  pinyinInitials: m.pinyinInitials,
  keywords: m.keywords,
  duplicateRadiusMeters: m.duplicateRadiusMeters,
  formFields: m.formFields,
});

/**
 * Matters for what the worker typed, on the phone (offline too): characters of the name,
 * pinyin initials ("jgqs" → 井盖缺失, precomputed in the catalog, so no pinyin library
 * ships to the phone), a keyword, English words or the code. Ranked like the server's
 * search: initials or name that start the same way first.
 */
export function searchMatters(query: string, catalog: readonly MatterChoice[]): MatterChoice[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...catalog];
  const rank = (m: MatterChoice): number => {
    if (m.pinyinInitials.startsWith(q) || m.name.startsWith(q)) return 0;
    if (m.name.includes(q) || m.pinyinInitials.includes(q)) return 1;
    if (m.keywords.some((k) => k.toLowerCase().includes(q))) return 2;
    if (m.nameEn.toLowerCase().includes(q) || m.code.toLowerCase() === q) return 3;
    return 4;
  };
  return catalog
    .map((m) => ({ m, r: rank(m) }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r || a.m.code.localeCompare(b.m.code))
    .map((x) => x.m);
}

/** The worker's frequent matters (as the server counted them) that are in the catalog, in that order. */
export function frequentFirst(frequent: readonly FrequentMatter[], catalog: readonly MatterChoice[]): MatterChoice[] {
  const byCode = new Map(catalog.map((m) => [m.code, m]));
  return frequent.flatMap((f) => {
    const m = byCode.get(f.code);
    return m ? [m] : [];
  });
}
