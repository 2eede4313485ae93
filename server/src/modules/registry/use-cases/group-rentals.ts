import {
  DWELLING_USE_LABELS,
  GROUP_RENTAL_REASON_LABELS,
  GROUP_RENTAL_RULE_LABELS,
  type GroupRental,
  type GroupRentalList,
  type GroupRentalRuleName,
  type Locale,
} from '@yiwang/contracts';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, checkExportSize, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import {
  type DwellingOccupancy,
  GROUP_RENTAL_RULE_OF_COUNTY,
  GROUP_RENTAL_RULE_SETTINGS,
  judgeGroupRental,
} from '../domain/group-rental.js';
import { presentDwelling } from '../present-registry.js';
import { type DwellingRow, registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';

const ADULT_YEARS = 18;

/** Whether someone born on `birthDate` (YYYY-MM-DD) is 18 or older on `today` (YYYY-MM-DD). */
export const isAdult = (birthDate: string, today: string): boolean =>
  `${Number(birthDate.slice(0, 4)) + ADULT_YEARS}${birthDate.slice(4)}` <= today;

/**
 * The dwellings in scope that the county's group-rental rule (or the one asked for) flags as
 * suspected group rentals, with why: the list patrol and visit plans take.
 */
export async function listGroupRentals(
  deps: RegistryDeps,
  options: { actor: Actor; rule?: GroupRentalRuleName | undefined; now: Date },
): Promise<GroupRentalList> {
  const county = options.actor.scopePath.split('/')[0] ?? '';
  const ruleName = options.rule ?? GROUP_RENTAL_RULE_OF_COUNTY[county] ?? 'nanjing';
  const rule = GROUP_RENTAL_RULE_SETTINGS[ruleName];
  const today = options.now.toISOString().slice(0, 10);
  const rows = await registryRepository.occupancyInScope(deps.db, options.actor.scopePath);
  const byDwelling = new Map<
    string,
    { dwelling: DwellingRow; address: string; buildingName: string; occupancy: DwellingOccupancy }
  >();
  for (const r of rows) {
    let entry = byDwelling.get(r.dwelling.id);
    if (!entry) {
      entry = {
        dwelling: r.dwelling,
        address: r.address,
        buildingName: r.buildingName,
        occupancy: { areaM2: r.dwelling.areaM2, rooms: r.dwelling.rooms, occupants: [] },
      };
      byDwelling.set(r.dwelling.id, entry);
    }
    (entry.occupancy.occupants as { householdId: string; adult: boolean }[]).push({
      householdId: r.householdId,
      adult: isAdult(r.birthDate, today),
    });
  }
  const items: GroupRentalList['items'] = [];
  for (const { dwelling, address, buildingName, occupancy } of byDwelling.values()) {
    const verdict = judgeGroupRental(rule, occupancy);
    if (!verdict.suspected) continue;
    items.push({
      dwelling: presentDwelling(dwelling, address),
      buildingName,
      people: occupancy.occupants.length,
      households: new Set(occupancy.occupants.map((o) => o.householdId)).size,
      areaPerPerson: Math.round(verdict.areaPerPerson * 100) / 100,
      peoplePerRoom: Math.round(verdict.peoplePerRoom * 100) / 100,
      reasons: verdict.reasons,
    });
  }
  return { rule: ruleName, items };
}

const GROUP_RENTAL_COLUMNS: ColumnSpec<GroupRental>[] = [
  { header: { 'zh-CN': '房屋', 'en-US': 'Dwelling' }, width: 40, value: (r) => r.dwelling.address },
  { header: { 'zh-CN': '楼栋', 'en-US': 'Building' }, width: 16, value: (r) => r.buildingName },
  {
    header: { 'zh-CN': '用途', 'en-US': 'Use' },
    width: 10,
    value: (r, locale) => DWELLING_USE_LABELS[r.dwelling.use][locale],
  },
  {
    header: { 'zh-CN': '面积（㎡）', 'en-US': 'Area (m²)' },
    width: 10,
    type: 'number',
    value: (r) => r.dwelling.areaM2,
  },
  { header: { 'zh-CN': '人数', 'en-US': 'People' }, width: 8, type: 'integer', value: (r) => r.people },
  { header: { 'zh-CN': '户数', 'en-US': 'Households' }, width: 8, type: 'integer', value: (r) => r.households },
  {
    header: { 'zh-CN': '人均面积', 'en-US': 'Area per person' },
    width: 10,
    type: 'number',
    value: (r) => r.areaPerPerson,
  },
  {
    header: { 'zh-CN': '每间人数', 'en-US': 'People per room' },
    width: 10,
    type: 'number',
    value: (r) => r.peoplePerRoom,
  },
  {
    header: { 'zh-CN': '原因', 'en-US': 'Why' },
    width: 30,
    value: (r, locale) => r.reasons.map((reason) => GROUP_RENTAL_REASON_LABELS[reason][locale]).join('、'),
  },
];

/**
 * The suspected group rentals in scope as an Excel list, for the patrol and visit plans (no
 * personal data: dwellings and counts). Capped; audited.
 */
export async function exportGroupRentals(
  deps: RegistryDeps,
  options: {
    actor: Actor;
    context: AuditContext;
    rule?: GroupRentalRuleName | undefined;
    locale: Locale;
    maxRows: number;
    now: Date;
  },
): Promise<Buffer> {
  const list = await listGroupRentals(deps, options);
  checkExportSize(list.items.length, options.maxRows);
  const rule = GROUP_RENTAL_RULE_LABELS[list.rule];
  const bytes = await writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '疑似群租房', 'en-US': 'Suspected group rentals' },
        columns: [
          ...GROUP_RENTAL_COLUMNS,
          { header: { 'zh-CN': '判定标准', 'en-US': 'Rule' }, width: 30, value: (_r, locale) => rule[locale] },
        ],
        rows: list.items,
      }),
    ],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.export',
    objectType: 'registry-group-rental-list',
    details: { rule: list.rule, rows: list.items.length },
  });
  return bytes;
}
