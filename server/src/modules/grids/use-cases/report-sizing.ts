import type { SizingQuery, SizingReport } from '@yiwang/contracts';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/client.js';
import { regionsRepository } from '../../regions/regions.repository.js';
import { staffingRepository } from '../../staffing/staffing.repository.js';
import { gridsRepository } from '../grids.repository.js';
import { assessSizing } from '../sizing.js';

/**
 * Sizing of the base grids in scope against a standard, optionally under one parent: a
 * grid code, or a town or community code (its region's grids).
 */
export async function reportSizing(db: Db, scopePath: string, query: SizingQuery): Promise<SizingReport> {
  const { parentCode, onlyProblems, ...standard } = query;
  const region = parentCode ? await regionsRepository.findInScope(db, parentCode, scopePath) : undefined;
  const path = region ? region.path : scopePath;
  const filter = region ? { level: 3 } : { level: 3, parentCode };
  const rows = await gridsRepository.currentWithGeometryInScope(db, filter, path);
  const posts = await staffingRepository.postsInScope(db, path, {
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

const STATUS_ZH = { ok: '符合标准', 'too-large': '过大，建议拆分', 'too-small': '过小，建议合并' } as const;

/** The sizing report as an Excel workbook (网格规模评估). */
export async function sizingWorkbook(report: SizingReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yiwang';
  const sheet = workbook.addWorksheet('网格规模评估');
  sheet.columns = [
    { header: '网格编码', key: 'code', width: 18 },
    { header: '网格名称', key: 'name', width: 24 },
    { header: '上级网格', key: 'parentCode', width: 18 },
    { header: '户数', key: 'households', width: 8 },
    { header: '人数', key: 'people', width: 8 },
    { header: '结论', key: 'status', width: 18 },
    { header: '建议拆分为', key: 'splitInto', width: 10 },
    { header: '建议并入', key: 'mergeInto', width: 30 },
    { header: '网格员（在岗）', key: 'workers', width: 12 },
    { header: '网格员（应配）', key: 'workersNeeded', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const item of report.items) {
    sheet.addRow({
      ...item,
      status: STATUS_ZH[item.status],
      splitInto: item.splitInto ?? '',
      mergeInto: item.mergeInto ? `${item.mergeInto.name}（${item.mergeInto.code}）` : '',
    });
  }
  const s = report.standard;
  const notes = workbook.addWorksheet('标准');
  notes.addRows([
    ['每格户数', `${s.minHouseholds}–${s.maxHouseholds}`],
    ['每格人数', `${s.minPeople}–${s.maxPeople}`],
    ['每名网格员', `${s.householdsPerWorker} 户或 ${s.peoplePerWorker} 人`],
    ['合计', report.summary.total],
    ['过大', report.summary.tooLarge],
    ['过小', report.summary.tooSmall],
    ['网格员不足', report.summary.understaffed],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
