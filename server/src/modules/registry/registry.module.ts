import type { Module } from '../../platform/http.js';
import { loadDemoRegistry } from './demo/load-demo-registry.js';
import { registryJobs } from './registry.jobs.js';
import { registryRoutes } from './registry.routes.js';
import * as tables from './registry.tables.js';
import { registryExportsRoutes } from './registry-exports.routes.js';
import { registryLinksRoutes } from './registry-links.routes.js';
import * as linkTables from './registry-links.tables.js';
import * as visitTables from './registry-visits.tables.js';

/**
 * The registry (一标三实, issue 11): standard addresses with their aliases, buildings in their base
 * grid, dwellings, households with exactly one head, people (ID number and phone sealed, blind-
 * indexed, masked), organizations and facilities, each change kept in history; special-population
 * tags seen only where granted; the data-sharing catalog; search; the group-rental rule.
 */
export const registryModule = {
  name: 'registry',
  tables: { ...tables, ...visitTables, ...linkTables },
  permissions: {
    'registry.read': ['leader', 'operator', 'workstation_staff', 'grid_head', 'deputy_grid_head', 'grid_worker'],
    'registry.manage': ['workstation_staff', 'grid_head', 'grid_worker'],
    'registry.reveal': ['workstation_staff', 'grid_head', 'grid_worker'],
    'registry.sharing': [],
    /** The community desk approves or rejects the visit changes a rule sends for review. */
    'registry.review': ['workstation_staff', 'grid_head'],
    'registry.shared-read': ['handler', 'leader'],
    /** The command desk links a case to the people, households, dwellings and facilities it concerns. */
    'registry.link': ['operator', 'workstation_staff', 'grid_head'],
  },
  errors: {
    'map-bbox-invalid': {
      status: 400,
      'zh-CN': '地图范围有误：应为“西经度,南纬度,东经度,北纬度”，且西小于东、南小于北。',
      'en-US':
        'The map area is not valid: give west,south,east,north in degrees, west below east and south below north.',
    },
    'address-exists': {
      status: 409,
      'zh-CN': '这个标准地址已经登记过了。',
      'en-US': 'This standard address is already registered.',
    },
    'address-alias-taken': {
      status: 409,
      'zh-CN': '这个地址别名已对应另一个标准地址。',
      'en-US': 'This alias already points at another standard address.',
    },
    'address-in-use': {
      status: 409,
      'zh-CN': '这个地址已登记了楼栋或房屋。',
      'en-US': 'A building or dwelling is already registered at this address.',
    },
    'registry-address-without-point': {
      status: 422,
      'zh-CN': '这个地址没有坐标，无法确定所属网格，请先补充位置。',
      'en-US': 'This address has no point, so its grid is unknown; add its location first.',
    },
    'registry-point-elsewhere': {
      status: 422,
      'zh-CN': '位置落在网格“{grid}”，不在该地址的社区或您的管辖范围内。',
      'en-US': 'The point lies in grid “{grid}”, outside the address’s community or your scope.',
    },
    'household-head': {
      status: 422,
      'zh-CN': '一户必须有且只有一名户主。',
      'en-US': 'A household must have exactly one head.',
    },
    'person-id-number-exists': {
      status: 409,
      'zh-CN': '已有人登记了这个身份证号，不会覆盖或合并，请核实。',
      'en-US': 'Someone is already registered with this ID number; nothing is overwritten or merged — please check.',
    },
    'registry-record-changed': {
      status: 409,
      'zh-CN': '这条记录刚被别人修改过，请刷新后再改。',
      'en-US': 'Someone changed this record meanwhile; reload and try again.',
    },
    'visit-review-decided': {
      status: 409,
      'zh-CN': '这项变更已经审核过了。',
      'en-US': 'This change has already been reviewed.',
    },
    'registry-tag-not-granted': {
      status: 403,
      'zh-CN': '您没有这个标签的授权。',
      'en-US': 'You are not granted this tag.',
    },
  },
  fieldProblems: {
    'id-number-shape': { 'zh-CN': '不是18位身份证号', 'en-US': 'is not an 18-character ID number' },
    'id-number-birth-date': { 'zh-CN': '出生日期不存在', 'en-US': 'holds a birth date that does not exist' },
    'id-number-check-digit': { 'zh-CN': '校验位不对（GB 11643）', 'en-US': 'has a wrong check character (GB 11643)' },
    'id-number-mismatch': {
      'zh-CN': '与身份证号中的出生日期不一致',
      'en-US': 'differs from the birth date in the ID number',
    },
    'role-or-unit': { 'zh-CN': '须给出角色或单位之一', 'en-US': 'give either a role or a unit' },
    'registry-field-unknown': {
      'zh-CN': '不是可共享的字段（可选：{fields}）',
      'en-US': 'is no shareable field (choose from: {fields})',
    },
    'visit-confirmed-changes': {
      'zh-CN': '选了“核实无变化”就不能同时提交变更',
      'en-US': 'a visit confirmed unchanged brings no changes',
    },
    'visit-no-changes': {
      'zh-CN': '选了“有变更”，请至少填写一项变更',
      'en-US': 'an updated visit needs at least one change',
    },
    'visit-new-member-head': {
      'zh-CN': '新增成员不能是户主，变更户主请用“变更户主”（需社区审核）',
      'en-US': 'a new member cannot be the head; use “new head” (reviewed by the community)',
    },
    'visit-not-member': { 'zh-CN': '不是这一户的现有成员', 'en-US': 'is not a current member of this household' },
    'visit-duplicate-change': { 'zh-CN': '同一项变更填了两次', 'en-US': 'the same change is given twice' },
    'visit-already-head': { 'zh-CN': '已经是户主了', 'en-US': 'is already the head' },
    'registry-tag-person-only': {
      'zh-CN': '只有人口记录可以按标签共享',
      'en-US': 'only person records can be shared by tag',
    },
  },
  jobs: registryJobs,
  demo: loadDemoRegistry,
  apiRoutes: (app, ctx) => {
    registryRoutes(app, ctx);
    registryLinksRoutes(app, ctx);
    registryExportsRoutes(app, ctx);
  },
} satisfies Module;
