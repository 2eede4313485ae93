/**
 * The columns of a people import file: each field's Chinese header (the template's), the other
 * names a header may carry (matched after removing spaces, asterisks and brackets), and whether
 * the field must be filled.
 */

import { PEOPLE_IMPORT_FIELDS, type PeopleImportField } from '@yiwang/contracts';
import { type ColumnDefinitions, mapColumnsOf, unmappedRequiredOf } from './columns.js';

export const PEOPLE_COLUMNS: ColumnDefinitions<PeopleImportField> = {
  name: { header: '姓名', aliases: ['名字', '人员姓名', 'name'], required: true, example: '张伟' },
  idNumber: {
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '证件号码', '身份证', 'idnumber'],
    required: false,
    example: '320281199001010017',
  },
  sex: { header: '性别', aliases: ['sex'], required: false, example: '男' },
  birthDate: {
    header: '出生日期',
    aliases: ['出生年月日', '生日', 'birthdate'],
    required: false,
    example: '1990-01-01',
  },
  phone: {
    header: '联系电话',
    aliases: ['电话', '手机', '手机号', '手机号码', '联系方式', 'phone'],
    required: false,
    example: '13812345678',
  },
  address: {
    header: '标准地址',
    aliases: ['地址', '居住地址', '住址', '房屋地址', '现住址', 'address'],
    required: true,
    example: '江阴市澄江街道文定路12号3幢2单元301室',
  },
  householdKey: {
    header: '户号',
    aliases: ['户编号', '户代码', '家庭编号', 'household'],
    required: true,
    example: 'H0001',
  },
  relation: { header: '与户主关系', aliases: ['关系', '与户主的关系', 'relation'], required: true, example: '户主' },
  residence: {
    header: '人口类型',
    aliases: ['户籍类型', '人员类型', '居住类型', 'residence'],
    required: true,
    example: '户籍人口',
  },
  movedInOn: {
    header: '迁入日期',
    aliases: ['入住日期', '迁入时间', 'movedinon'],
    required: false,
    example: '2020-05-01',
  },
};

export type ColumnMapping = (PeopleImportField | null)[];

/** Which field each header holds (see mapColumnsOf). */
export const mapColumns = (
  headers: readonly string[],
  override: Readonly<Record<string, string | null>> = {},
): ColumnMapping => mapColumnsOf(PEOPLE_IMPORT_FIELDS, PEOPLE_COLUMNS, headers, override);

/** Required fields no column is mapped to. */
export const unmappedRequired = (mapping: ColumnMapping): PeopleImportField[] =>
  unmappedRequiredOf(PEOPLE_IMPORT_FIELDS, PEOPLE_COLUMNS, mapping);
