import {
  HOUSEHOLD_RELATION_LABELS,
  type Locale,
  PEOPLE_IMPORT_FIELDS,
  type Person,
  RESIDENCE_KIND_LABELS,
  type RegistryImportKind,
  SEX_LABELS,
} from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, checkExportSize, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { peopleForExport } from '../../registry/index.js';
import type { ColumnDefinition, ColumnDefinitions } from '../domain/columns.js';
import { PEOPLE_COLUMNS } from '../domain/people-columns.js';
import { failedRowNumbers } from '../present-import.js';
import { registryImportRepository } from '../registry-import.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';
import { isPlaceKind, PLACE_IMPORT_KINDS } from './place-kinds.js';

const same = (text: string) => ({ 'zh-CN': text, 'en-US': text });

/** A kind's template: the headers the import matches, one example row (a required header marked *). */
export function importTemplate(kind: RegistryImportKind, locale: Locale): Promise<Buffer> {
  const { fields, columns, title } = isPlaceKind(kind)
    ? PLACE_IMPORT_KINDS[kind]
    : {
        fields: PEOPLE_IMPORT_FIELDS,
        columns: PEOPLE_COLUMNS,
        title: { 'zh-CN': '人口导入模板', 'en-US': 'People import' },
      };
  const specs: ColumnSpec<readonly string[]>[] = fields.map((field: string) => {
    const column = (columns as ColumnDefinitions<string>)[field] as ColumnDefinition;
    return {
      header: same(column.required ? `${column.header}*` : column.header),
      width: Math.max(12, column.example.length * 2),
      value: () => column.example,
    };
  });
  return writeWorkbook([sheetOf({ title, columns: specs, rows: [fields] })], locale);
}

/**
 * The rows of an import that were not stored, as the file had them, with a 原因 (reason) column:
 * fixed and imported again, they go in (the rows already stored are not stored twice).
 */
export async function failedRowsWorkbook(
  deps: ImportDeps,
  options: { actor: Actor; context: AuditContext; id: string; locale: Locale },
): Promise<{ bytes: Buffer; fileName: string }> {
  const found = await registryImportRepository.importInScope(deps.db, options.id, options.actor.scopePath);
  if (!found) throw new DomainError('not-found');
  const failed = failedRowNumbers(found);
  const reasons = new Map<number, string[]>();
  for (const p of found.problems) reasons.set(p.row, [...(reasons.get(p.row) ?? []), `${p.column}：${p.reason}`]);
  for (const f of found.runFailures) reasons.set(f.row, [...(reasons.get(f.row) ?? []), f.reason]);
  const rows = [...failed]
    .sort((a, b) => a - b)
    .map((row) => ({ cells: found.rows[row - 2] ?? [], reason: (reasons.get(row) ?? []).join('；') }));
  const columns: ColumnSpec<(typeof rows)[number]>[] = [
    ...found.headers.map((header, i) => ({
      header: same(header),
      width: 16,
      value: (r: (typeof rows)[number]) => r.cells[i] ?? '',
    })),
    { header: { 'zh-CN': '原因', 'en-US': 'Reason' }, width: 60, value: (r) => r.reason },
  ];
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '未导入的行', 'en-US': 'Rows not imported' }, columns, rows })],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.import.failed-rows',
    objectType: 'registry-import',
    objectId: found.id,
    details: { rows: rows.length },
  });
  return { bytes, fileName: found.fileName.replace(/\.(xlsx|csv)$/i, '') };
}

const PEOPLE_EXPORT_COLUMNS: readonly ColumnSpec<Person>[] = [
  { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, width: 12, value: (p) => p.name },
  { header: { 'zh-CN': '身份证号（脱敏）', 'en-US': 'ID number (masked)' }, width: 22, value: (p) => p.idNumberMasked },
  { header: { 'zh-CN': '性别', 'en-US': 'Sex' }, width: 6, value: (p, l) => SEX_LABELS[p.sex][l] },
  { header: { 'zh-CN': '出生日期', 'en-US': 'Birth date' }, width: 12, value: (p) => p.birthDate },
  { header: { 'zh-CN': '联系电话（脱敏）', 'en-US': 'Phone (masked)' }, width: 16, value: (p) => p.phoneMasked },
  {
    header: { 'zh-CN': '与户主关系', 'en-US': 'Relation' },
    width: 10,
    value: (p, l) => HOUSEHOLD_RELATION_LABELS[p.relation][l],
  },
  {
    header: { 'zh-CN': '人口类型', 'en-US': 'Residence' },
    width: 14,
    value: (p, l) => RESIDENCE_KIND_LABELS[p.residence][l],
  },
  { header: { 'zh-CN': '地址', 'en-US': 'Address' }, width: 40, value: (p) => p.address },
  { header: { 'zh-CN': '迁入日期', 'en-US': 'Moved in' }, width: 12, value: (p) => p.movedInOn },
  { header: { 'zh-CN': '迁出日期', 'en-US': 'Moved out' }, width: 12, value: (p) => p.movedOutOn },
];

/**
 * The people of the caller's scope as an Excel list, masked as every list shows them (no tag: tags
 * are seen only where granted, one person at a time). Capped; audited.
 */
export async function exportPeople(
  deps: ImportDeps,
  options: { actor: Actor; context: AuditContext; locale: Locale; maxRows: number },
): Promise<Buffer> {
  const { actor, maxRows } = options;
  const people = await peopleForExport(deps.db, { scopePath: actor.scopePath, limit: maxRows + 1 });
  checkExportSize(people.length, maxRows);
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '人口名单', 'en-US': 'People' }, columns: PEOPLE_EXPORT_COLUMNS, rows: people })],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.export',
    objectType: 'registry-person-list',
    details: { rows: people.length },
  });
  return bytes;
}
