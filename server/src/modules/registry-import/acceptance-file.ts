import { PEOPLE_IMPORT_FIELDS } from '@yiwang/contracts';
import ExcelJS from 'exceljs';
import { createSeededRandom } from '../../platform/seeded-random.js';
import { makeIdNumber } from '../registry/index.js';
import { PEOPLE_COLUMNS } from './domain/people-columns.js';

/**
 * The acceptance file of the people import (issue 11 item 3), deterministic: `rows` people in
 * households of one to four at the given dwellings' addresses, with `perKind` rows of each of
 * eight kinds of mistake planted, each in a one-person household so that it fails that row
 * alone. Used by the API test (small) and bench/registry-import.bench.ts (10 000 rows).
 */

export const PLANTED_KINDS = [
  'id-check-digit',
  'unknown-address',
  'bad-date',
  'bad-sex',
  'missing-name',
  'bad-phone',
  'duplicate-id',
  'no-head',
] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

/** The column each planted mistake is named in, and a word of its reason. */
export const PLANTED_CELL: Readonly<Record<PlantedKind, { column: string; reason: string }>> = {
  'id-check-digit': { column: '身份证号', reason: '校验位' },
  'unknown-address': { column: '标准地址', reason: '未找到' },
  'bad-date': { column: '出生日期', reason: '不是有效日期' },
  'bad-sex': { column: '性别', reason: '性别应填' },
  'missing-name': { column: '姓名', reason: '必须填写' },
  'bad-phone': { column: '联系电话', reason: '不是有效电话' },
  'duplicate-id': { column: '身份证号', reason: '重复' },
  'no-head': { column: '与户主关系', reason: '没有户主' },
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国志红玉兰凤云飞鹏浩宇晨欣怡子涵雨轩';
const RELATIONS = ['户主', '配偶', '子女', '父母'] as const;

export interface PeopleImportFile {
  headers: string[];
  rows: string[][];
  /** Sheet row numbers (header = 1) of the planted mistakes. */
  planted: { row: number; kind: PlantedKind }[];
}

export function generatePeopleImportFile(options: {
  addresses: readonly string[];
  rows: number;
  perKind: number;
  seed: number;
}): PeopleImportFile {
  const random = createSeededRandom(options.seed);
  const pick = <T>(list: readonly T[] | string): T => list[Math.floor(random() * list.length)] as T;
  const headers = PEOPLE_IMPORT_FIELDS.map((f) => PEOPLE_COLUMNS[f].header);
  const rows: string[][] = [];
  const planted: PeopleImportFile['planted'] = [];
  let serial = 0;
  let household = 0;
  const person = (relation: string, address: string, key: string) => {
    serial += 1;
    // Birth dates spread over 1940–2019, sequences 500–999: unique numbers, apart from the demo's.
    const birth = new Date(Date.UTC(1940, 0, 1) + (serial % 29_000) * 86_400_000).toISOString().slice(0, 10);
    const sequence = 500 + Math.floor(serial / 29_000) * 2 + (random() < 0.5 ? 1 : 0);
    const idNumber = makeIdNumber('320206', birth.replaceAll('-', ''), sequence);
    const male = sequence % 2 === 1;
    return [
      `${pick<string>(SURNAMES)}${pick<string>(GIVEN)}${random() < 0.5 ? pick<string>(GIVEN) : ''}`,
      idNumber,
      male ? '男' : '女',
      birth,
      random() < 0.7 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : '',
      address,
      key,
      relation,
      random() < 0.8 ? '户籍人口' : '流动人口',
      random() < 0.3 ? '2018-03-01' : '',
    ];
  };
  const plantedTotal = options.perKind * PLANTED_KINDS.length;
  // Spread the mistakes evenly through the file.
  const every = Math.floor(options.rows / (plantedTotal + 1));
  let nextKind = 0;
  while (rows.length < options.rows) {
    const address = pick(options.addresses);
    household += 1;
    const key = `H${String(household).padStart(6, '0')}`;
    if (nextKind < plantedTotal && rows.length >= every * (nextKind + 1)) {
      const kind = PLANTED_KINDS[nextKind % PLANTED_KINDS.length] as PlantedKind;
      const row = person(kind === 'no-head' ? '配偶' : '户主', address, key);
      // The same person twice: the file's first row (never a planted one) again.
      const first = rows[0] ?? [];
      switch (kind) {
        case 'id-check-digit': {
          const id = row[1] ?? '';
          row[1] = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
          break;
        }
        case 'unknown-address':
          row[5] = '江阴市无此路999号';
          break;
        case 'bad-date':
          row[1] = '';
          row[3] = '1990-02-30';
          break;
        case 'bad-sex':
          row[2] = '未知';
          break;
        case 'missing-name':
          row[0] = '';
          break;
        case 'bad-phone':
          row[4] = '12345';
          break;
        case 'duplicate-id':
          row.splice(1, 3, first[1] ?? '', first[2] ?? '', first[3] ?? '');
          break;
        case 'no-head':
          break;
      }
      rows.push(row);
      planted.push({ row: rows.length + 1, kind });
      nextKind += 1;
      continue;
    }
    const size = Math.min(1 + Math.floor(random() * 4), options.rows - rows.length);
    for (let i = 0; i < size; i++) rows.push(person(RELATIONS[i] ?? '子女', address, key));
  }
  return { headers, rows, planted };
}

/** A table as a plain .xlsx (every cell text, as people type ID numbers). */
export async function tableToXlsx(table: { headers: string[]; rows: string[][] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人口');
  sheet.addRow(table.headers);
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A table as CSV (UTF-8), quoting what needs it. */
export const tableToCsv = (table: { headers: string[]; rows: string[][] }): Buffer =>
  Buffer.from(
    [table.headers, ...table.rows]
      .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
      .join('\r\n'),
  );
