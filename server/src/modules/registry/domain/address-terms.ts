import { normalizeAddressText } from './address-code.js';

/**
 * The parts of an address search that must each appear in the address text, in any order: split
 * at spaces and after each part's marker (号, 幢, 单元, 室), so `3幢502` or `3号楼 502` finds
 * `…10号3幢1单元502室`, which holds neither whole. Written as the standard text is (号楼/栋 → 幢,
 * full-width digits → ASCII).
 */
export function addressTerms(q: string): string[] {
  return q
    .split(/\s+/)
    .flatMap((part) => normalizeAddressText(part).split(/(?<=号|幢|单元|室)/))
    .filter((term) => term.length > 0);
}
