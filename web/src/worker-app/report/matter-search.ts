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

/** The worker's frequent matters (as the server counted them) that are in the catalog, in that order. */
export function frequentFirst(frequent: readonly FrequentMatter[], catalog: readonly MatterChoice[]): MatterChoice[] {
  const byCode = new Map(catalog.map((m) => [m.code, m]));
  return frequent.flatMap((f) => {
    const m = byCode.get(f.code);
    return m ? [m] : [];
  });
}
