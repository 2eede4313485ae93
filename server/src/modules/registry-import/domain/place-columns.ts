/** The columns of the place import files (buildings, dwellings, organizations, facilities). */

import type {
  BuildingImportField,
  DwellingImportField,
  FacilityImportField,
  OrganizationImportField,
} from '@yiwang/contracts';
import type { ColumnDefinitions } from './columns.js';

const ADDRESS_ALIASES = ['地址', '门牌地址', '地址编码', 'address'];
const LON = { header: '经度', aliases: ['lon', 'lng', 'longitude', 'x'], required: true, example: '120.2856' };
const LAT = { header: '纬度', aliases: ['lat', 'latitude', 'y'], required: true, example: '31.9121' };

export const BUILDING_COLUMNS: ColumnDefinitions<BuildingImportField> = {
  address: {
    header: '楼栋地址',
    aliases: ['标准地址', ...ADDRESS_ALIASES],
    required: true,
    example: '澄江街道文定路12号3幢',
  },
  buildingName: { header: '楼栋名称', aliases: ['名称', '楼名', 'name'], required: true, example: '文定苑3幢' },
  lon: LON,
  lat: LAT,
  floors: { header: '层数', aliases: ['楼层数', '地上层数', 'floors'], required: true, example: '6' },
  buildingUse: { header: '楼栋用途', aliases: ['用途', '建筑用途', 'use'], required: true, example: '住宅' },
};

export const DWELLING_COLUMNS: ColumnDefinitions<DwellingImportField> = {
  buildingAddress: {
    header: '楼栋地址',
    aliases: ['所属楼栋', '所属楼栋地址', '楼栋'],
    required: true,
    example: '澄江街道文定路12号3幢',
  },
  address: {
    header: '房屋地址',
    aliases: ['标准地址', ...ADDRESS_ALIASES],
    required: true,
    example: '澄江街道文定路12号3幢2单元301室',
  },
  dwellingUse: { header: '房屋用途', aliases: ['用途', '使用情况', 'use'], required: true, example: '自住' },
  areaM2: { header: '面积（平方米）', aliases: ['面积', '建筑面积', 'area'], required: true, example: '89.5' },
  rooms: { header: '间数', aliases: ['房间数', '室数', 'rooms'], required: true, example: '3' },
};

export const ORGANIZATION_COLUMNS: ColumnDefinitions<OrganizationImportField> = {
  organizationName: {
    header: '组织名称',
    aliases: ['名称', '单位名称', '企业名称', 'name'],
    required: true,
    example: '江阴市文定便利店',
  },
  organizationKind: { header: '组织类型', aliases: ['类型', '单位类型', 'kind'], required: true, example: '个体商户' },
  address: {
    header: '标准地址',
    aliases: ['经营地址', '注册地址', ...ADDRESS_ALIASES],
    required: true,
    example: '澄江街道文定路12号3幢',
  },
  licenceNumber: {
    header: '统一社会信用代码',
    aliases: ['信用代码', '社会信用代码', '营业执照号', '执照号码', '证照号码', 'licence'],
    required: false,
    example: '91320281MA1MABCDEX',
  },
  contactName: { header: '联系人', aliases: ['负责人', '法定代表人', 'contact'], required: false, example: '王芳' },
  contactPhone: {
    header: '联系电话',
    aliases: ['电话', '手机', '手机号', 'phone'],
    required: false,
    example: '13812345678',
  },
};

export const FACILITY_COLUMNS: ColumnDefinitions<FacilityImportField> = {
  facilityCode: {
    header: '部件编码',
    aliases: ['部件标识码', '编码', '标识码', 'code'],
    required: true,
    example: '3202810101000001',
  },
  classCode: {
    header: '部件类别',
    aliases: ['类别', '类别代码', '部件类别代码', '小类', 'class'],
    required: true,
    example: '0101',
  },
  facilityName: { header: '部件名称', aliases: ['名称', 'name'], required: true, example: '上水井盖' },
  lon: LON,
  lat: LAT,
  facilityState: { header: '状态', aliases: ['部件状态', '完好情况', 'state'], required: false, example: '完好' },
  ownerUnit: {
    header: '权属单位',
    aliases: ['主管单位', '养护单位', '责任单位', 'owner'],
    required: true,
    example: '江阴市水务集团',
  },
};
