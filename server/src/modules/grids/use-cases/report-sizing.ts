import type { Locale, SizingQuery, SizingReport } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { type ColumnSpec, type Localized, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { regionsLookups } from '../../regions/index.js';
import { staffingLookups } from '../../staffing/index.js';
import { gridsRepository } from '../grids.repository.js';
import { assessSizing } from '../sizing.js';

/**
 * Sizing of the base grids in scope against a standard, optionally under one parent: a
 * grid code, or a town or community code (its region's grids).
 */
export async function reportSizing(db: Db, scopePath: string, query: SizingQuery): Promise<SizingReport> {
  const { parentCode, onlyProblems, ...standard } = query;
  const region = parentCode ? await regionsLookups.findInScope(db, parentCode, scopePath) : undefined;
  const path = region ? region.path : scopePath;
  const filter = region ? { level: 3 } : { level: 3, parentCode };
  const rows = await gridsRepository.currentWithGeometryInScope(db, filter, path);
  const posts = await staffingLookups.postsInScope(db, path, {
    role: 'grid_worker',
    gridCodes: rows.map((r) => r.code),
  });
  const workers = new Map<string, number>();
  for (const { post } of posts) workers.set(post.gridCode, (workers.get(post.gridCode) ?? 0) + 1);
  const assessed = assessSizing(rows, workers, standard);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const items = assessed.map((a) => {
    const g = byCode.get(a.code);
    if (!g) throw new Error(`sized grid ${a.code} vanished`);
    return {
      code: g.code,
      name: g.name,
      nameEn: g.nameEn,
      parentCode: g.parentCode,
      households: g.households,
      people: g.people,
      status: a.status,
      splitInto: a.splitInto,
      mergeInto: a.mergeInto
        ? {
            code: a.mergeInto.code,
            name: a.mergeInto.name,
            nameEn: a.mergeInto.nameEn,
            households: a.mergeInto.households,
            people: a.mergeInto.people,
          }
        : null,
      workers: a.workers,
      workersNeeded: a.workersNeeded,
    };
  });
  const summary = {
    total: items.length,
    ok: items.filter((i) => i.status === 'ok').length,
    tooLarge: items.filter((i) => i.status === 'too-large').length,
    tooSmall: items.filter((i) => i.status === 'too-small').length,
    understaffed: items.filter((i) => i.workers < i.workersNeeded).length,
  };
  return {
    standard,
    summary,
    items: onlyProblems ? items.filter((i) => i.status !== 'ok' || i.workers < i.workersNeeded) : items,
  };
}

type SizedGrid = SizingReport['items'][number];

const STATUS_NAMES: Readonly<Record<SizedGrid['status'], Localized>> = {
  ok: { 'zh-CN': '符合标准', 'en-US': 'Within the standard' },
  'too-large': { 'zh-CN': '过大，建议拆分', 'en-US': 'Too large: split' },
  'too-small': { 'zh-CN': '过小，建议合并', 'en-US': 'Too small: merge' },
};

const SIZING_COLUMNS: readonly ColumnSpec<SizedGrid>[] = [
  { header: { 'zh-CN': '网格编码', 'en-US': 'Grid' }, width: 18, value: (g) => g.code },
  {
    header: { 'zh-CN': '网格名称', 'en-US': 'Name' },
    width: 24,
    value: (g, locale) => (locale === 'en-US' ? g.nameEn : g.name),
  },
  { header: { 'zh-CN': '上级网格', 'en-US': 'Parent grid' }, width: 18, value: (g) => g.parentCode },
  { header: { 'zh-CN': '户数', 'en-US': 'Households' }, width: 8, type: 'integer', value: (g) => g.households },
  { header: { 'zh-CN': '人数', 'en-US': 'People' }, width: 8, type: 'integer', value: (g) => g.people },
  { header: { 'zh-CN': '结论', 'en-US': 'Finding' }, width: 18, value: (g, locale) => STATUS_NAMES[g.status][locale] },
  { header: { 'zh-CN': '建议拆分为', 'en-US': 'Split into' }, width: 10, type: 'integer', value: (g) => g.splitInto },
  {
    header: { 'zh-CN': '建议并入', 'en-US': 'Merge into' },
    width: 30,
    value: (g, locale) =>
      g.mergeInto ? `${locale === 'en-US' ? g.mergeInto.nameEn : g.mergeInto.name}（${g.mergeInto.code}）` : null,
  },
  {
    header: { 'zh-CN': '网格员（在岗）', 'en-US': 'Grid workers' },
    width: 12,
    type: 'integer',
    value: (g) => g.workers,
  },
  {
    header: { 'zh-CN': '网格员（应配）', 'en-US': 'Workers needed' },
    width: 12,
    type: 'integer',
    value: (g) => g.workersNeeded,
  },
];

type Note = readonly [label: Localized, value: string | number];
const NOTE_COLUMNS: readonly ColumnSpec<Note>[] = [
  { header: { 'zh-CN': '项目', 'en-US': 'Item' }, width: 16, value: ([label], locale) => label[locale] },
  { header: { 'zh-CN': '值', 'en-US': 'Value' }, width: 20, value: ([, value]) => value },
];

/** The sizing report as an Excel workbook (网格规模评估): the grids, and the standard applied with the totals. */
export async function sizingWorkbook(report: SizingReport, locale: Locale): Promise<Buffer> {
  const s = report.standard;
  const notes: Note[] = [
    [{ 'zh-CN': '每格户数', 'en-US': 'Households per grid' }, `${s.minHouseholds}–${s.maxHouseholds}`],
    [{ 'zh-CN': '每格人数', 'en-US': 'People per grid' }, `${s.minPeople}–${s.maxPeople}`],
    [
      { 'zh-CN': '每名网格员', 'en-US': 'Per grid worker' },
      locale === 'en-US'
        ? `${s.householdsPerWorker} households or ${s.peoplePerWorker} people`
        : `${s.householdsPerWorker} 户或 ${s.peoplePerWorker} 人`,
    ],
    [{ 'zh-CN': '合计', 'en-US': 'Grids' }, report.summary.total],
    [{ 'zh-CN': '过大', 'en-US': 'Too large' }, report.summary.tooLarge],
    [{ 'zh-CN': '过小', 'en-US': 'Too small' }, report.summary.tooSmall],
    [{ 'zh-CN': '网格员不足', 'en-US': 'Understaffed' }, report.summary.understaffed],
  ];
  return writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '网格规模评估', 'en-US': 'Grid sizing' },
        columns: SIZING_COLUMNS,
        rows: report.items,
      }),
      sheetOf({ title: { 'zh-CN': '标准', 'en-US': 'Standard' }, columns: NOTE_COLUMNS, rows: notes }),
    ],
    locale,
  );
}
