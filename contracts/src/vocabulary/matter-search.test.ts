import { describe, expect, it } from 'vitest';
import { type SearchableMatter, searchMatters } from './matter-search.js';

const matter = (code: string, name: string, pinyinInitials: string, keywords: string[] = [], nameEn = '') =>
  ({ code, name, nameEn, pinyinInitials, keywords }) satisfies SearchableMatter;
const catalog = [
  matter('SZ-0101', '井盖缺失', 'jgqs', ['窨井'], 'Missing manhole cover'),
  matter('SZ-0102', '井盖破损', 'jgps', [], 'Broken manhole cover'),
  matter('CG-0302', '垃圾满溢', 'ljmy', ['垃圾桶'], 'Overflowing bin'),
  matter('CG-0303', '暴露垃圾', 'blj', [], 'Exposed rubbish'),
];

describe('matter search by characters or pinyin initials', () => {
  it('finds by pinyin initials, initials that start the same way first', () => {
    expect(searchMatters('jg', catalog).map((m) => m.name)).toEqual(['井盖缺失', '井盖破损']);
    expect(searchMatters('JGQS', catalog).map((m) => m.name)).toEqual(['井盖缺失']);
  });

  it('finds by characters anywhere in the name, by keyword, English and code', () => {
    expect(searchMatters('垃圾', catalog).map((m) => m.code)).toEqual(['CG-0302', 'CG-0303']);
    expect(searchMatters('窨井', catalog).map((m) => m.code)).toEqual(['SZ-0101']);
    expect(searchMatters('bin', catalog).map((m) => m.code)).toEqual(['CG-0302']);
    expect(searchMatters('sz-0102', catalog).map((m) => m.code)).toEqual(['SZ-0102']);
    expect(searchMatters('xyz', catalog)).toEqual([]);
  });

  it('finds by the start of a code once it has its digits or dash, as typed into a search box', () => {
    expect(searchMatters('SZ-01', catalog).map((m) => m.code)).toEqual(['SZ-0101', 'SZ-0102']);
    expect(searchMatters('cg-030', catalog).map((m) => m.code)).toEqual(['CG-0302', 'CG-0303']);
    // Two letters alone are pinyin initials, not every code of a department.
    expect(searchMatters('sz', catalog)).toEqual([]);
  });

  it('ranks a name that starts with the query above one that only contains it', () => {
    expect(searchMatters('垃', catalog).map((m) => m.code)).toEqual(['CG-0302', 'CG-0303']);
    expect(searchMatters('lj', catalog).map((m) => m.code)).toEqual(['CG-0302', 'CG-0303']);
    expect(searchMatters('j', catalog).map((m) => m.code)).toEqual(['SZ-0101', 'SZ-0102', 'CG-0302', 'CG-0303']);
  });

  it('keeps the whole catalog, in its order, for an empty query', () => {
    expect(searchMatters('  ', catalog)).toEqual(catalog);
  });

  it('answers the caller’s own rows (the server’s catalog rows, the phone’s choices)', () => {
    const rows = catalog.map((m) => ({ ...m, extra: m.code.length }));
    expect(searchMatters('jgqs', rows)[0]?.extra).toBe(7);
  });
});
