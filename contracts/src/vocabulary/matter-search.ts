/** What the search reads of a matter (the catalog row, the API's view or a phone's copy). */
export interface SearchableMatter {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** First letters of the name's pinyin: 井盖缺失 → 'jgqs' (precomputed, so no pinyin library ships to a phone). */
  readonly pinyinInitials: string;
  readonly keywords: readonly string[];
}

/**
 * Matters matching what someone typed: characters of the Chinese name, pinyin initials
 * ("jgqs" → 井盖缺失), a keyword, English words or the code — its start too, once the query has a
 * digit or the dash ("CG-01"; two letters alone are initials). Initials or name that start the
 * same way rank first, so a few letters on a phone keyboard find the matter; then by code.
 * An empty query matches every matter, in the given order. The server's catalog search and
 * the worker app's offline picker both answer with this.
 */
export function searchMatters<M extends SearchableMatter>(query: string, catalog: readonly M[]): M[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...catalog];
  const codeLike = /[0-9-]/.test(q);
  const rank = (m: M): number => {
    if (m.pinyinInitials.startsWith(q) || m.name.startsWith(q)) return 0;
    if (m.name.includes(q) || m.pinyinInitials.includes(q)) return 1;
    if (m.keywords.some((k) => k.toLowerCase().includes(q))) return 2;
    const code = m.code.toLowerCase();
    if (m.nameEn.toLowerCase().includes(q) || code === q || (codeLike && code.startsWith(q))) return 3;
    return 4;
  };
  return catalog
    .map((m) => ({ m, r: rank(m) }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r || a.m.code.localeCompare(b.m.code))
    .map((x) => x.m);
}
