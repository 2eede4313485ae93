import {
  BUILDING_IMPORT_FIELDS,
  BUILDING_USE_LABELS,
  BUILDING_USES,
  type BuildingImportField,
  type BuildingUse,
  DWELLING_IMPORT_FIELDS,
  DWELLING_USE_LABELS,
  DWELLING_USES,
  type DwellingImportField,
  type DwellingUse,
  FACILITY_CLASS_LABELS,
  FACILITY_CLASSES,
  FACILITY_IMPORT_FIELDS,
  FACILITY_STATE_LABELS,
  FACILITY_STATES,
  type FacilityImportField,
  type FacilityState,
  type LocalizedText,
  ORGANIZATION_IMPORT_FIELDS,
  ORGANIZATION_KIND_LABELS,
  ORGANIZATION_KINDS,
  type OrganizationImportField,
  type OrganizationKind,
} from '@yiwang/contracts';
import { isPathWithin } from '../../../platform/scope.js';
import type { ColumnDefinitions } from './columns.js';
import { type CellProblem, enumValue, normalizeAddress } from './people-rows.js';
import { BUILDING_COLUMNS, DWELLING_COLUMNS, FACILITY_COLUMNS, ORGANIZATION_COLUMNS } from './place-columns.js';

/*
 * The checks of the place import files, pure: the addresses, grids and registered keys are looked
 * up beforehand (use-cases/place-kinds.ts). A row with any problem is left out whole; a record
 * already registered under the same key is a problem too ("已存在，未覆盖"), unless this very file
 * stored it (re-importing a file adds nothing and reports nothing as failed).
 */

/** A standard address in scope as the file names it, and what already stands at it. */
export interface AddressFacts {
  id: string;
  path: string;
  /** Region, road, number and 幢: a dwelling belongs to the building sharing it. */
  buildingKey: string;
  building: string | null;
  room: string | null;
  lon: number | null;
  lat: number | null;
  buildingId: string | null;
  buildingPath: string | null;
  dwellingId: string | null;
}

export interface GridFacts {
  code: string;
  name: string;
  path: string;
}

/** What the checks know of the registry, resolved in the importer's scope. */
export interface PlaceLookups {
  scopePath: string;
  /** By normalized written address. */
  addresses: ReadonlyMap<string, AddressFacts>;
  /** The base grid at each point (`pointKey`), null outside the grid map. */
  grids: ReadonlyMap<string, GridFacts | null>;
  /** Rows of this very file already dealt with by an earlier run. */
  recorded: ReadonlySet<number>;
  /** Organizations registered: licence numbers, and `${addressId}|${name}`. */
  licences: ReadonlySet<string>;
  organizationNamesAt: ReadonlySet<string>;
  /** 部件编码 already imported. */
  facilityCodes: ReadonlySet<string>;
}

export interface PlaceRecordBase {
  row: number;
  /** The natural key: one record per key in the registry and in a file. */
  key: string;
}

export interface BuildingRecord extends PlaceRecordBase {
  addressId: string;
  name: string;
  lon: number;
  lat: number;
  floors: number;
  use: BuildingUse;
  gridCode: string;
  path: string;
}
export interface DwellingRecord extends PlaceRecordBase {
  buildingId: string;
  addressId: string;
  use: DwellingUse;
  areaM2: number;
  rooms: number;
  path: string;
}
export interface OrganizationRecord extends PlaceRecordBase {
  kind: OrganizationKind;
  name: string;
  addressId: string;
  licenceNumber: string | null;
  contactName: string | null;
  contactPhone: string | null;
  gridCode: string;
  path: string;
}
export interface FacilityRecord extends PlaceRecordBase {
  code: string;
  classCode: string;
  name: string;
  lon: number;
  lat: number;
  state: FacilityState;
  ownerUnit: string;
  gridCode: string;
  path: string;
}

export interface CheckedPlaces<R> {
  records: R[];
  problems: CellProblem[];
}

export const pointKey = (lon: number, lat: number) => `${lon},${lat}`;

const NUMBER = /^-?\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
export const EXISTS = '已存在，未覆盖';

/** A longitude or latitude of China written as a decimal number; null otherwise. */
export function parseCoordinate(value: string, axis: 'lon' | 'lat'): number | null {
  const v = value.trim();
  if (!NUMBER.test(v)) return null;
  const n = Number(v);
  const [min, max] = axis === 'lon' ? [73, 136] : [3, 54];
  return n >= min && n <= max ? n : null;
}

const choices = <K extends string>(codes: readonly K[], labels: Readonly<Record<K, LocalizedText>>) =>
  codes.map((c) => labels[c]['zh-CN']).join('、');

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Why a licence number is not one: an 18-character 统一社会信用代码 with its GB 32100 check
 * character, or a 15-digit registration number of before 2015; null when it is.
 */
export function licenceNumberProblem(value: string): string | null {
  if (/^\d{15}$/.test(value)) return null;
  if (value.length !== 18 || [...value].some((c) => !USCC_CHARS.includes(c))) {
    return '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V），或15位注册号';
  }
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(value[i] ?? '0'), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17] ? null : '统一社会信用代码校验位不对（GB 32100），请核对';
}

/** The small classes the registry knows by name (docs/registry.md); others are written by their 4-digit code. */
export const FACILITY_CLASS_NAMES: Readonly<Record<string, string>> = {
  '0101': '上水井盖',
  '0102': '污水井盖',
  '0110': '消防栓',
  '0201': '路灯',
  '0301': '垃圾箱',
  '0401': '监控电子眼',
};
/** The major class of a class code: its first two digits, 01–07 in the registry's order of FACILITY_CLASSES. */
const majorOf = (classCode: string) => FACILITY_CLASSES[Number(classCode.slice(0, 2)) - 1];

interface RowContext<F extends string> {
  row: number;
  value: (field: F) => string;
  fail: (field: F, reason: string) => void;
  failed: () => boolean;
}

/**
 * The skeleton of every place check: required cells, then `visit` per row (a record, or null
 * after naming its problems), then one record per key in the file.
 */
function checkRows<F extends string, R extends PlaceRecordBase>(options: {
  fields: readonly F[];
  columns: ColumnDefinitions<F>;
  /** The column a key twice in the file is named in. */
  keyField: F | ((record: R) => F);
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  mapping: readonly (string | null)[];
  visit: (row: RowContext<F>) => R | null;
}): CheckedPlaces<R> {
  const { fields, columns, keyField, headers, rows, mapping, visit } = options;
  const columnOf = new Map<string, number>();
  mapping.forEach((field, index) => {
    if (field) columnOf.set(field, index);
  });
  const header = (field: F) => headers[columnOf.get(field) ?? -1] ?? columns[field].header;
  const problems: CellProblem[] = [];
  const records: R[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const row = index + 2;
    const rowProblems: CellProblem[] = [];
    const value = (field: F) => (cells[columnOf.get(field) ?? -1] ?? '').trim();
    const fail = (field: F, reason: string) =>
      rowProblems.push({ row, column: header(field), value: value(field), reason });
    for (const field of fields) {
      if (columns[field].required && value(field) === '') fail(field, `${columns[field].header}必须填写`);
    }
    const record = rowProblems.length > 0 ? null : visit({ row, value, fail, failed: () => rowProblems.length > 0 });
    if (record) {
      const first = firstRowOf.get(record.key);
      if (first === undefined) firstRowOf.set(record.key, row);
      else {
        const field = typeof keyField === 'function' ? keyField(record) : keyField;
        fail(field, `与第${first}行重复，同一${columns[field].header}只能导入一次`);
      }
    }
    if (rowProblems.length > 0 || !record) problems.push(...rowProblems);
    else records.push(record);
  });
  return { records, problems };
}

interface PlaceRowsInput {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  mapping: readonly (string | null)[];
  lookups: PlaceLookups;
}

const NOT_FOUND = '未找到这个标准地址（或不在您的管辖范围内），请先登记地址';

/** The grid at a point, or why it cannot be used (outside the map, the scope or `within`). */
function gridAt(
  lookups: PlaceLookups,
  lon: number,
  lat: number,
  within?: { path: string; what: string },
): GridFacts | string {
  const grid = lookups.grids.get(pointKey(lon, lat));
  if (!grid) return '坐标不在网格图内，请核对经纬度（WGS84 十进制度，如 120.2856、31.9121）';
  if (!isPathWithin(grid.path, lookups.scopePath)) return `坐标落在“${grid.name}”，不在您的管辖范围内`;
  if (within && !isPathWithin(grid.path, within.path)) return `坐标落在“${grid.name}”，不在${within.what}`;
  return grid;
}

/** The point cells of a row as numbers (for the grid lookups beforehand), when both are valid. */
export function pointOfCells(lon: string, lat: string): [number, number] | null {
  const x = parseCoordinate(lon, 'lon');
  const y = parseCoordinate(lat, 'lat');
  return x === null || y === null ? null : [x, y];
}

/** Buildings: the address names its 幢 and has no building yet; the point lies in its community and the scope. */
export function checkBuildingRows({ lookups, ...table }: PlaceRowsInput): CheckedPlaces<BuildingRecord> {
  return checkRows<BuildingImportField, BuildingRecord>({
    ...table,
    fields: BUILDING_IMPORT_FIELDS,
    columns: BUILDING_COLUMNS,
    keyField: 'address',
    visit: ({ row, value, fail, failed }) => {
      const address = lookups.addresses.get(normalizeAddress(value('address')));
      if (!address) fail('address', NOT_FOUND);
      else if (!address.building || address.room)
        fail('address', '楼栋地址应写到“幢”为止（如 文定路12号3幢），不含单元和室');
      else if (address.buildingId && !lookups.recorded.has(row)) {
        fail('address', `${EXISTS}：这个地址已登记楼栋，如需修改请在人房信息中编辑`);
      }
      const lon = parseCoordinate(value('lon'), 'lon');
      const lat = parseCoordinate(value('lat'), 'lat');
      if (lon === null) fail('lon', '经度应为73到136之间的数字（WGS84 十进制度）');
      if (lat === null) fail('lat', '纬度应为3到54之间的数字（WGS84 十进制度）');
      const floors = INTEGER.test(value('floors')) ? Number(value('floors')) : 0;
      if (floors < 1 || floors > 200) fail('floors', '层数应为1到200之间的整数');
      const use = enumValue(value('buildingUse'), BUILDING_USES, BUILDING_USE_LABELS);
      if (!use) fail('buildingUse', `楼栋用途应为：${choices(BUILDING_USES, BUILDING_USE_LABELS)}`);
      if (lon === null || lat === null || !address) return null;
      const grid = gridAt(lookups, lon, lat, { path: address.path, what: '这个地址所在的社区' });
      if (typeof grid === 'string') fail('lon', grid);
      if (failed() || typeof grid === 'string' || !use) return null;
      return {
        row,
        key: address.id,
        addressId: address.id,
        name: value('buildingName'),
        lon,
        lat,
        floors,
        use,
        gridCode: grid.code,
        path: grid.path,
      };
    },
  });
}

/** Dwellings: the building is registered, the dwelling's address is a room of it and has no dwelling yet. */
export function checkDwellingRows({ lookups, ...table }: PlaceRowsInput): CheckedPlaces<DwellingRecord> {
  return checkRows<DwellingImportField, DwellingRecord>({
    ...table,
    fields: DWELLING_IMPORT_FIELDS,
    columns: DWELLING_COLUMNS,
    keyField: 'address',
    visit: ({ row, value, fail, failed }) => {
      const building = lookups.addresses.get(normalizeAddress(value('buildingAddress')));
      const buildingPath = building?.buildingPath;
      if (!building?.buildingId || !buildingPath || !isPathWithin(buildingPath, lookups.scopePath)) {
        fail('buildingAddress', '未找到这个楼栋（或不在您的管辖范围内），请先登记或导入楼栋');
      }
      const address = lookups.addresses.get(normalizeAddress(value('address')));
      if (!address) fail('address', NOT_FOUND);
      else if (!address.room) fail('address', '房屋地址应写到“室”（如 文定路12号3幢2单元301室）');
      else if (building?.buildingId && address.buildingKey !== building.buildingKey) {
        fail('address', '这个房屋地址不在所填楼栋（路、门牌或幢号不同）');
      } else if (address.dwellingId && !lookups.recorded.has(row)) {
        fail('address', `${EXISTS}：这个地址已登记房屋，如需修改请在人房信息中编辑`);
      }
      const use = enumValue(value('dwellingUse'), DWELLING_USES, DWELLING_USE_LABELS);
      if (!use) fail('dwellingUse', `房屋用途应为：${choices(DWELLING_USES, DWELLING_USE_LABELS)}`);
      const area = NUMBER.test(value('areaM2')) ? Number(value('areaM2')) : 0;
      if (!(area > 0 && area <= 100_000)) fail('areaM2', '面积应为大于0的数字（平方米）');
      const rooms = INTEGER.test(value('rooms')) ? Number(value('rooms')) : 0;
      if (rooms < 1 || rooms > 1000) fail('rooms', '间数应为1到1000之间的整数');
      if (failed() || !address || !building?.buildingId || !buildingPath || !use) return null;
      return {
        row,
        key: address.id,
        buildingId: building.buildingId,
        addressId: address.id,
        use,
        areaM2: area,
        rooms,
        path: buildingPath,
      };
    },
  });
}

const KIND_SHORT: Readonly<Record<string, OrganizationKind>> = {
  公司: 'enterprise',
  个体户: 'shop',
  商户: 'shop',
  店铺: 'shop',
  党组织: 'party_organization',
  党支部: 'party_organization',
};

/**
 * Organizations: the address is in scope with a point (its grid is the organization's); the key
 * is the licence number, or without one the name at the address.
 */
export function checkOrganizationRows({ lookups, ...table }: PlaceRowsInput): CheckedPlaces<OrganizationRecord> {
  return checkRows<OrganizationImportField, OrganizationRecord>({
    ...table,
    fields: ORGANIZATION_IMPORT_FIELDS,
    columns: ORGANIZATION_COLUMNS,
    keyField: (r) => (r.licenceNumber ? 'licenceNumber' : 'organizationName'),
    visit: ({ row, value, fail, failed }) => {
      const name = value('organizationName');
      const kind = enumValue(value('organizationKind'), ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS, KIND_SHORT);
      if (!kind) fail('organizationKind', `组织类型应为：${choices(ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS)}`);
      const licence = value('licenceNumber').replace(/\s/g, '').toUpperCase();
      const licenceProblem = licence === '' ? null : licenceNumberProblem(licence);
      if (licenceProblem) fail('licenceNumber', licenceProblem);
      else if (licence !== '' && lookups.licences.has(licence) && !lookups.recorded.has(row)) {
        fail('licenceNumber', `${EXISTS}：这个统一社会信用代码的组织已登记，如需修改请在人房信息中编辑`);
      }
      const phone = value('contactPhone').replace(/[\s()（）]/g, '');
      if (phone !== '' && !MOBILE.test(phone) && !LANDLINE.test(phone)) {
        fail('contactPhone', '不是有效电话（11位手机号或带区号的固定电话）');
      }
      const address = lookups.addresses.get(normalizeAddress(value('address')));
      let grid: GridFacts | string = NOT_FOUND;
      if (address && (address.lon === null || address.lat === null))
        grid = '这个地址没有坐标，无法确定所在网格，请先补全地址坐标';
      else if (address) grid = gridAt(lookups, address.lon ?? 0, address.lat ?? 0);
      if (typeof grid === 'string') fail('address', grid);
      else if (
        address &&
        licence === '' &&
        lookups.organizationNamesAt.has(`${address.id}|${name}`) &&
        !lookups.recorded.has(row)
      ) {
        fail('organizationName', `${EXISTS}：这个地址已登记同名组织，如需修改请在人房信息中编辑`);
      }
      if (failed() || !address || typeof grid === 'string' || !kind) return null;
      return {
        row,
        key: licence === '' ? `${address.id}|${name}` : licence,
        kind,
        name,
        addressId: address.id,
        licenceNumber: licence === '' ? null : licence,
        contactName: value('contactName') || null,
        contactPhone: phone === '' ? null : phone,
        gridCode: grid.code,
        path: grid.path,
      };
    },
  });
}

/** A class cell: the 4-digit code, or a known small class's name → the code; else null. */
function classCodeOf(value: string): string | null {
  const v = value.trim();
  const code = /^\d{4}$/.test(v) ? v : Object.entries(FACILITY_CLASS_NAMES).find(([, n]) => n === v)?.[0];
  return code && majorOf(code) ? code : null;
}

/**
 * Facilities: a 16-digit 部件编码 (6-digit region, 4-digit class, 6-digit serial) whose class is
 * the row's, a known major class, a point in the grid map and the scope.
 */
export function checkFacilityRows({ lookups, ...table }: PlaceRowsInput): CheckedPlaces<FacilityRecord> {
  return checkRows<FacilityImportField, FacilityRecord>({
    ...table,
    fields: FACILITY_IMPORT_FIELDS,
    columns: FACILITY_COLUMNS,
    keyField: 'facilityCode',
    visit: ({ row, value, fail, failed }) => {
      const code = value('facilityCode');
      const classCode = classCodeOf(value('classCode'));
      if (!classCode) {
        const majors = FACILITY_CLASSES.map(
          (c, i) => `${String(i + 1).padStart(2, '0')}${FACILITY_CLASS_LABELS[c]['zh-CN']}`,
        );
        fail('classCode', `部件类别应为4位类别代码（前两位为大类：${majors.join('、')}）或已知的类别名称`);
      }
      if (!/^\d{16}$/.test(code)) fail('facilityCode', '部件编码应为16位数字（6位区划代码+4位类别代码+6位流水号）');
      else if (classCode && code.slice(6, 10) !== classCode) {
        fail('facilityCode', `部件编码中的类别代码（${code.slice(6, 10)}）与部件类别（${classCode}）不一致`);
      } else if (lookups.facilityCodes.has(code) && !lookups.recorded.has(row)) {
        fail('facilityCode', `${EXISTS}：这个部件编码已登记，如需修改请在人房信息中编辑`);
      }
      const stateCell = value('facilityState');
      const state = stateCell === '' ? 'intact' : enumValue(stateCell, FACILITY_STATES, FACILITY_STATE_LABELS);
      if (!state) fail('facilityState', `状态应为：${choices(FACILITY_STATES, FACILITY_STATE_LABELS)}`);
      const lon = parseCoordinate(value('lon'), 'lon');
      const lat = parseCoordinate(value('lat'), 'lat');
      if (lon === null) fail('lon', '经度应为73到136之间的数字（WGS84 十进制度）');
      if (lat === null) fail('lat', '纬度应为3到54之间的数字（WGS84 十进制度）');
      if (lon === null || lat === null) return null;
      const grid = gridAt(lookups, lon, lat);
      if (typeof grid === 'string') fail('lon', grid);
      if (failed() || typeof grid === 'string' || !classCode || !state) return null;
      return {
        row,
        key: code,
        code,
        classCode,
        name: value('facilityName'),
        lon,
        lat,
        state,
        ownerUnit: value('ownerUnit'),
        gridCode: grid.code,
        path: grid.path,
      };
    },
  });
}
