import {
  HOUSEHOLD_RELATION_LABELS,
  HOUSEHOLD_RELATIONS,
  type HouseholdRelation,
  type LocalizedText,
  PEOPLE_IMPORT_FIELDS,
  type PeopleImportField,
  RESIDENCE_KIND_LABELS,
  RESIDENCE_KINDS,
  type ResidenceKind,
  SEX_LABELS,
  SEXES,
  type Sex,
} from '@yiwang/contracts';
import { type ImportedPerson, idNumberFacts, idNumberProblem, normalizeIdNumber } from '../../registry/index.js';
import { type ColumnMapping, PEOPLE_COLUMNS } from './people-columns.js';

/** One bad cell: the row as the spreadsheet numbers it (the header is row 1), its column's header, value, why. */
export interface CellProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** Where a file's address is: the dwelling people live in, and its scope path. */
export interface ImportAddress {
  dwellingId: string;
  path: string;
}

/**
 * A row that passed every check: what the registry stores of it (its ID number normalized; null
 * for a missing or placeholder number, such a person is never matched to anyone), and where.
 */
export interface ImportPerson extends ImportedPerson {
  row: number;
  /** The address as the file writes it (shown in a merge review). */
  address: string;
  dwellingId: string;
  path: string;
  householdKey: string;
}

export interface CheckedPeople {
  people: ImportPerson[];
  problems: CellProblem[];
}

/** A cell that stands for "no number" (无, 不详, 000…): treated as empty, so it never merges anyone. */
const PLACEHOLDER_ID = /^(无|暂无|不详|未知|空|-+|\/+|0+|(\d)\2{17}|x+)$/i;
const DAY = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** A label in either language or the code itself → the code; anything else → null. */
export function enumValue<K extends string>(
  value: string,
  codes: readonly K[],
  labels: Readonly<Record<K, LocalizedText>>,
  extra: Readonly<Record<string, K>> = {},
): K | null {
  const v = value.trim();
  const lower = v.toLowerCase();
  return (
    extra[v] ??
    codes.find(
      (code) => code === lower || Object.values(labels[code]).some((l) => l === v || l.toLowerCase() === lower),
    ) ??
    null
  );
}

const RESIDENCE_SHORT: Readonly<Record<string, ResidenceKind>> = {
  户籍: 'registered',
  常住: 'registered',
  流动: 'floating',
  外来: 'floating',
  流动人员: 'floating',
  外出: 'away',
  人户分离: 'away',
};

/** A calendar day written as 2020-05-01, 2020/5/1, 2020.05.01, 2020年5月1日 or 20200501 → YYYY-MM-DD; else null. */
export function parseDay(value: string): string | null {
  const v = value.trim();
  const m = DAY.exec(v) ?? COMPACT_DAY.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const ID_REASONS = {
  shape: '身份证号应为18位（最后一位可为X）',
  'birth-date': '身份证号中的出生日期不存在',
  'check-digit': '身份证号校验位不对（GB 11643），请核对',
} as const;

/**
 * Checks every row of a people file on its own (required fields, ID number by its GB 11643 check
 * digit, dates, sex, relation, residence kind, phone, the address known in the caller's scope),
 * then across rows (an ID number twice in the file; each household — its address and 户号 — with
 * exactly one head, counting a head it already has from an earlier import). A row with any
 * problem is left out whole; the others are returned ready to store. Pure: the addresses are
 * resolved beforehand (`addresses`: written form → dwelling, only those in scope).
 */
export function checkPeopleRows(options: {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  mapping: ColumnMapping;
  addresses: ReadonlyMap<string, ImportAddress>;
  /** Current heads of households already imported, by `${dwellingId}|${householdKey}`. */
  existingHeads: ReadonlyMap<string, number>;
  /**
   * ID numbers already registered: such a row is not stored again (the same person, or a clash for
   * review), so it is no new head either.
   */
  registered?: ReadonlySet<string>;
  /** Today (YYYY-MM-DD): no one is born or moves in after it. */
  today: string;
}): CheckedPeople {
  const { headers, rows, mapping, addresses, existingHeads, today } = options;
  const registered = options.registered ?? new Set<string>();
  const isNew = (p: ImportPerson) => p.idNumber === null || !registered.has(p.idNumber);
  const problems: CellProblem[] = [];
  const columnOf = new Map<PeopleImportField, number>();
  mapping.forEach((field, index) => {
    if (field) columnOf.set(field, index);
  });
  const header = (field: PeopleImportField) => {
    const index = columnOf.get(field);
    return index === undefined ? PEOPLE_COLUMNS[field].header : (headers[index] ?? PEOPLE_COLUMNS[field].header);
  };

  const candidates: ImportPerson[] = [];
  const firstRowOfId = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    const value = (field: PeopleImportField) => {
      const column = columnOf.get(field);
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    if (cells.every((c) => c.trim() === '')) return; // a blank line between rows
    const rowProblems: CellProblem[] = [];
    const fail = (field: PeopleImportField, reason: string) =>
      rowProblems.push({ row, column: header(field), value: value(field), reason });
    // A bad ID number is the one problem named; sex and birth date are not asked for on top of it.
    const idFailed = () => rowProblems.some((p) => p.column === header('idNumber'));

    for (const field of PEOPLE_IMPORT_FIELDS) {
      if (PEOPLE_COLUMNS[field].required && value(field) === '') fail(field, `${PEOPLE_COLUMNS[field].header}必须填写`);
    }

    const rawId = value('idNumber');
    let idNumber: string | null = null;
    let facts: ReturnType<typeof idNumberFacts> | null = null;
    if (rawId !== '' && !PLACEHOLDER_ID.test(rawId.replace(/\s/g, ''))) {
      const problem = idNumberProblem(rawId);
      if (problem) fail('idNumber', ID_REASONS[problem]);
      else {
        idNumber = normalizeIdNumber(rawId);
        facts = idNumberFacts(idNumber);
        const first = firstRowOfId.get(idNumber);
        if (first === undefined) firstRowOfId.set(idNumber, row);
        else fail('idNumber', `与第${first}行的身份证号重复，同一人只能登记一次`);
      }
    }

    let sex: Sex | null = null;
    if (value('sex') !== '') {
      sex = enumValue(value('sex'), SEXES, SEX_LABELS);
      if (!sex) fail('sex', '性别应填“男”或“女”');
      else if (facts && facts.sex !== sex) fail('sex', '与身份证号中的性别不一致');
    } else if (!facts && !idFailed()) {
      fail('sex', '没有有效身份证号时，性别必须填写');
    }

    let birthDate: string | null = null;
    if (value('birthDate') !== '') {
      birthDate = parseDay(value('birthDate'));
      if (!birthDate) fail('birthDate', '不是有效日期（示例：1990-01-01）');
      else if (birthDate > today) fail('birthDate', '出生日期晚于今天');
      else if (facts && facts.birthDate !== birthDate) fail('birthDate', '与身份证号中的出生日期不一致');
    } else if (!facts && !idFailed()) {
      fail('birthDate', '没有有效身份证号时，出生日期必须填写');
    }

    let movedInOn: string | null = null;
    if (value('movedInOn') !== '') {
      movedInOn = parseDay(value('movedInOn'));
      if (!movedInOn) fail('movedInOn', '不是有效日期（示例：2020-05-01）');
      else if (movedInOn > today) fail('movedInOn', '迁入日期晚于今天');
    }

    const phone = value('phone').replace(/[\s()（）]/g, '');
    if (phone !== '' && !MOBILE.test(phone) && !LANDLINE.test(phone)) {
      fail('phone', '不是有效电话（11位手机号或带区号的固定电话）');
    }

    const relation =
      value('relation') === '' ? null : enumValue(value('relation'), HOUSEHOLD_RELATIONS, HOUSEHOLD_RELATION_LABELS);
    if (value('relation') !== '' && !relation) {
      fail(
        'relation',
        `与户主关系应为：${HOUSEHOLD_RELATIONS.map((r) => HOUSEHOLD_RELATION_LABELS[r]['zh-CN']).join('、')}`,
      );
    }
    const residence =
      value('residence') === ''
        ? null
        : enumValue(value('residence'), RESIDENCE_KINDS, RESIDENCE_KIND_LABELS, RESIDENCE_SHORT);
    if (value('residence') !== '' && !residence) fail('residence', '人口类型应为：户籍人口、流动人口或人户分离');

    const address = value('address') === '' ? undefined : addresses.get(normalizeAddress(value('address')));
    if (value('address') !== '' && !address) {
      fail('address', '未找到这个标准地址的房屋（或不在您的管辖范围内），请先登记地址和房屋');
    }

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    candidates.push({
      row,
      name: value('name'),
      idNumber,
      sex: (sex ?? facts?.sex) as Sex,
      birthDate: (birthDate ?? facts?.birthDate) as string,
      phone: phone === '' ? null : phone,
      relation: relation as HouseholdRelation,
      residence: residence as ResidenceKind,
      movedInOn,
      address: value('address'),
      dwellingId: (address as ImportAddress).dwellingId,
      path: (address as ImportAddress).path,
      householdKey: value('householdKey'),
    });
  });

  // Exactly one head per household, counted over the rows that passed (and a head it already has).
  const groups = new Map<string, ImportPerson[]>();
  for (const person of candidates) {
    const key = householdKeyOf(person);
    groups.set(key, [...(groups.get(key) ?? []), person]);
  }
  const people: ImportPerson[] = [];
  for (const [key, members] of groups) {
    const heads = (existingHeads.get(key) ?? 0) + members.filter((m) => m.relation === 'head' && isNew(m)).length;
    if (heads === 1 || members.every((m) => !isNew(m))) {
      people.push(...members);
      continue;
    }
    const household = members[0]?.householdKey;
    const reason = members.some((m) => m.relation === 'head' && !isNew(m))
      ? `户号“${household}”的户主已登记（身份证号已在册），其他成员不能自动入户，请在人房信息中添加到其户`
      : heads === 0
        ? `户号“${household}”没有户主，一户必须有且只有一名户主`
        : `户号“${household}”有${heads}名户主，一户必须有且只有一名户主`;
    for (const m of members) {
      problems.push({ row: m.row, column: header('relation'), value: rawRelation(m), reason });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  people.sort((a, b) => a.row - b.row);
  return { people, problems };
}

const rawRelation = (m: ImportPerson) => HOUSEHOLD_RELATION_LABELS[m.relation]['zh-CN'];

/** A household of the file: its dwelling and 户号. */
export const householdKeyOf = (p: { dwellingId: string; householdKey: string }) => `${p.dwellingId}|${p.householdKey}`;

/** The form addresses are matched in: without spaces, full-width digits and letters made half-width. */
export const normalizeAddress = (text: string): string =>
  text.replace(/\s/g, '').replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
