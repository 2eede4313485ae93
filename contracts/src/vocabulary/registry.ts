import type { Labels, LocalizedText } from './text.js';

/**
 * Words of the registry (一标三实: standard addresses, real houses, real people, real
 * organizations; plus facilities): what a dwelling is used for, what kind a household or a
 * person's residence is, a member's relation to the head, and the tags a person can carry.
 * Field reference: GB/T 31000-2015 (社会治安综合治理基础数据规范), see docs/registry.md.
 */

export const REGISTRY_RECORD_KINDS = [
  'address',
  'building',
  'dwelling',
  'household',
  'person',
  'organization',
  'facility',
] as const;
export type RegistryRecordKind = (typeof REGISTRY_RECORD_KINDS)[number];
export const REGISTRY_RECORD_KIND_LABELS: Labels<RegistryRecordKind> = {
  address: { 'zh-CN': '标准地址', 'en-US': 'Standard address' },
  building: { 'zh-CN': '楼栋', 'en-US': 'Building' },
  dwelling: { 'zh-CN': '房屋', 'en-US': 'Dwelling' },
  household: { 'zh-CN': '户', 'en-US': 'Household' },
  person: { 'zh-CN': '人口', 'en-US': 'Person' },
  organization: { 'zh-CN': '组织', 'en-US': 'Organization' },
  facility: { 'zh-CN': '部件', 'en-US': 'Facility' },
};

export const ADDRESS_ALIAS_KINDS = ['nonstandard', 'virtual', 'point'] as const;
export type AddressAliasKind = (typeof ADDRESS_ALIAS_KINDS)[number];

export const BUILDING_USES = ['residential', 'commercial', 'mixed', 'office', 'industrial', 'public'] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];
export const BUILDING_USE_LABELS: Labels<BuildingUse> = {
  residential: { 'zh-CN': '住宅', 'en-US': 'Residential' },
  commercial: { 'zh-CN': '商业', 'en-US': 'Commercial' },
  mixed: { 'zh-CN': '商住混合', 'en-US': 'Mixed' },
  office: { 'zh-CN': '办公', 'en-US': 'Office' },
  industrial: { 'zh-CN': '工业', 'en-US': 'Industrial' },
  public: { 'zh-CN': '公共服务', 'en-US': 'Public' },
};

export const DWELLING_USES = ['owner_occupied', 'rented', 'group_rented', 'commercial', 'vacant'] as const;
export type DwellingUse = (typeof DWELLING_USES)[number];
export const DWELLING_USE_LABELS: Labels<DwellingUse> = {
  owner_occupied: { 'zh-CN': '自住', 'en-US': 'Owner-occupied' },
  rented: { 'zh-CN': '出租', 'en-US': 'Rented' },
  group_rented: { 'zh-CN': '群租', 'en-US': 'Group-rented' },
  commercial: { 'zh-CN': '经营', 'en-US': 'Commercial' },
  vacant: { 'zh-CN': '空置', 'en-US': 'Vacant' },
};

export const HOUSEHOLD_KINDS = ['registered', 'actual'] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];
export const HOUSEHOLD_KIND_LABELS: Labels<HouseholdKind> = {
  registered: { 'zh-CN': '户籍户', 'en-US': 'Registered household' },
  actual: { 'zh-CN': '实有户', 'en-US': 'Actual household' },
};

export const RESIDENCE_KINDS = ['registered', 'floating', 'away'] as const;
export type ResidenceKind = (typeof RESIDENCE_KINDS)[number];
export const RESIDENCE_KIND_LABELS: Labels<ResidenceKind> = {
  registered: { 'zh-CN': '户籍人口', 'en-US': 'Registered' },
  floating: { 'zh-CN': '流动人口', 'en-US': 'Floating' },
  away: { 'zh-CN': '人户分离（外出）', 'en-US': 'Away from registration' },
};

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Labels<Sex> = {
  male: { 'zh-CN': '男', 'en-US': 'Male' },
  female: { 'zh-CN': '女', 'en-US': 'Female' },
};

export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];
export const HOUSEHOLD_RELATION_LABELS: Labels<HouseholdRelation> = {
  head: { 'zh-CN': '户主', 'en-US': 'Head' },
  spouse: { 'zh-CN': '配偶', 'en-US': 'Spouse' },
  child: { 'zh-CN': '子女', 'en-US': 'Child' },
  parent: { 'zh-CN': '父母', 'en-US': 'Parent' },
  grandchild: { 'zh-CN': '孙子女', 'en-US': 'Grandchild' },
  sibling: { 'zh-CN': '兄弟姐妹', 'en-US': 'Sibling' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/**
 * Tags that mark a person as one of a special population (特殊人群) or a care group (关爱对象).
 * Every one is sensitive: shown only to roles and units granted that tag, each view audited.
 */
export const PERSON_TAGS = [
  'community_correction',
  'released_prisoner',
  'severe_mental_illness',
  'drug_rehabilitation',
  'elderly_alone',
  'disabled',
  'subsistence_allowance',
  'left_behind_child',
] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];
export const PERSON_TAG_LABELS: Labels<PersonTag> = {
  community_correction: { 'zh-CN': '社区矫正对象', 'en-US': 'Community correction' },
  released_prisoner: { 'zh-CN': '刑满释放人员', 'en-US': 'Released prisoner' },
  severe_mental_illness: { 'zh-CN': '严重精神障碍患者', 'en-US': 'Severe mental illness' },
  drug_rehabilitation: { 'zh-CN': '社区戒毒康复人员', 'en-US': 'Drug rehabilitation' },
  elderly_alone: { 'zh-CN': '独居老人', 'en-US': 'Elderly living alone' },
  disabled: { 'zh-CN': '残疾人', 'en-US': 'Disabled' },
  subsistence_allowance: { 'zh-CN': '低保对象', 'en-US': 'Subsistence allowance' },
  left_behind_child: { 'zh-CN': '留守儿童', 'en-US': 'Left-behind child' },
};

export const ORGANIZATION_KINDS = ['enterprise', 'shop', 'social_organization', 'party_organization'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_KIND_LABELS: Labels<OrganizationKind> = {
  enterprise: { 'zh-CN': '企业', 'en-US': 'Enterprise' },
  shop: { 'zh-CN': '个体商户', 'en-US': 'Shop' },
  social_organization: { 'zh-CN': '社会组织', 'en-US': 'Social organization' },
  party_organization: { 'zh-CN': '党组织', 'en-US': 'Party organization' },
};

export const FACILITY_STATES = ['intact', 'damaged', 'missing', 'removed'] as const;
export type FacilityState = (typeof FACILITY_STATES)[number];
export const FACILITY_STATE_LABELS: Labels<FacilityState> = {
  intact: { 'zh-CN': '完好', 'en-US': 'Intact' },
  damaged: { 'zh-CN': '损坏', 'en-US': 'Damaged' },
  missing: { 'zh-CN': '丢失', 'en-US': 'Missing' },
  removed: { 'zh-CN': '已拆除', 'en-US': 'Removed' },
};

/** The registry's layers on the desk's grid map (counts per base grid, points in view). */
export const REGISTRY_MAP_LAYERS = ['buildings', 'rentals', 'group_rentals', 'organizations', 'facilities'] as const;
export type RegistryMapLayerName = (typeof REGISTRY_MAP_LAYERS)[number];
export const REGISTRY_MAP_LAYER_LABELS: Labels<RegistryMapLayerName> = {
  buildings: { 'zh-CN': '楼栋', 'en-US': 'Buildings' },
  rentals: { 'zh-CN': '出租房', 'en-US': 'Rentals' },
  group_rentals: { 'zh-CN': '群租房', 'en-US': 'Group rentals' },
  organizations: { 'zh-CN': '单位组织', 'en-US': 'Organizations' },
  facilities: { 'zh-CN': '部件设施', 'en-US': 'Facilities' },
};

/**
 * The fields of each record kind a data-sharing grant can name. A field outside a unit's
 * grant is absent from what it reads (not masked); `idNumber` and `phone` come masked.
 */
export const SHAREABLE_FIELDS = {
  person: ['name', 'sex', 'birthDate', 'idNumber', 'phone', 'residence', 'address', 'householdRelation', 'tags'],
  household: ['kind', 'address', 'memberCount', 'headName'],
  dwelling: ['address', 'use', 'areaM2', 'rooms', 'occupants'],
  building: ['name', 'address', 'floors', 'use', 'gridCode'],
  organization: ['name', 'kind', 'address', 'licenceNumber', 'contactName', 'contactPhone', 'gridCode'],
  facility: ['name', 'classCode', 'state', 'ownerUnit', 'gridCode', 'point'],
} as const satisfies Record<Exclude<RegistryRecordKind, 'address'>, readonly string[]>;
export type SharedRecordKind = keyof typeof SHAREABLE_FIELDS;
export const SHARED_RECORD_KINDS = Object.keys(SHAREABLE_FIELDS) as SharedRecordKind[];

/** Every field a grant can name, of any record kind. */
export type ShareableField = (typeof SHAREABLE_FIELDS)[SharedRecordKind][number];

/** The column names of shared records, on the desk and in their Excel export. */
export const SHAREABLE_FIELD_LABELS: Labels<ShareableField> = {
  name: { 'zh-CN': '名称/姓名', 'en-US': 'Name' },
  sex: { 'zh-CN': '性别', 'en-US': 'Sex' },
  birthDate: { 'zh-CN': '出生日期', 'en-US': 'Birth date' },
  idNumber: { 'zh-CN': '身份证号（遮蔽）', 'en-US': 'ID number (masked)' },
  phone: { 'zh-CN': '电话（遮蔽）', 'en-US': 'Phone (masked)' },
  residence: { 'zh-CN': '居住类别', 'en-US': 'Residence' },
  address: { 'zh-CN': '地址', 'en-US': 'Address' },
  householdRelation: { 'zh-CN': '与户主关系', 'en-US': 'Relation to head' },
  tags: { 'zh-CN': '标签', 'en-US': 'Tags' },
  kind: { 'zh-CN': '类别', 'en-US': 'Kind' },
  memberCount: { 'zh-CN': '人数', 'en-US': 'Members' },
  headName: { 'zh-CN': '户主', 'en-US': 'Head' },
  use: { 'zh-CN': '用途', 'en-US': 'Use' },
  areaM2: { 'zh-CN': '面积（㎡）', 'en-US': 'Area (m²)' },
  rooms: { 'zh-CN': '间数', 'en-US': 'Rooms' },
  occupants: { 'zh-CN': '居住人数', 'en-US': 'Occupants' },
  floors: { 'zh-CN': '层数', 'en-US': 'Floors' },
  gridCode: { 'zh-CN': '网格编码', 'en-US': 'Grid code' },
  licenceNumber: { 'zh-CN': '证照号', 'en-US': 'Licence number' },
  contactName: { 'zh-CN': '联系人', 'en-US': 'Contact' },
  contactPhone: { 'zh-CN': '联系电话（遮蔽）', 'en-US': 'Contact phone (masked)' },
  classCode: { 'zh-CN': '部件类别代码', 'en-US': 'Class code' },
  state: { 'zh-CN': '状态', 'en-US': 'State' },
  ownerUnit: { 'zh-CN': '权属单位', 'en-US': 'Owner unit' },
  point: { 'zh-CN': '位置（经度, 纬度）', 'en-US': 'Position (lon, lat)' },
};

/** The group-rental rules a county can choose (domain/group-rental.ts explains each). */
export const GROUP_RENTAL_RULES = ['beijing', 'nanjing'] as const;
export type GroupRentalRuleName = (typeof GROUP_RENTAL_RULES)[number];
export const GROUP_RENTAL_RULE_LABELS: Labels<GroupRentalRuleName> = {
  beijing: { 'zh-CN': '北京标准（人均≥5㎡、每间≤2人）', 'en-US': 'Beijing (≥ 5 m² a person, ≤ 2 a room)' },
  nanjing: {
    'zh-CN': '南京标准（无亲属成年人≥4或≥2户，人均<10㎡）',
    'en-US': 'Nanjing (4+ unrelated adults or 2+ families, < 10 m² a person)',
  },
};
/** Why a dwelling is a suspected group rental (domain/group-rental.ts decides). */
export const GROUP_RENTAL_REASONS = ['area-per-person', 'people-per-room', 'unrelated-adults', 'families'] as const;
export type GroupRentalReason = (typeof GROUP_RENTAL_REASONS)[number];
export const GROUP_RENTAL_REASON_LABELS: Labels<GroupRentalReason> = {
  'area-per-person': { 'zh-CN': '人均面积不足', 'en-US': 'Too little space per person' },
  'people-per-room': { 'zh-CN': '每间人数过多', 'en-US': 'Too many people per room' },
  'unrelated-adults': { 'zh-CN': '无亲属关系成年人过多', 'en-US': 'Too many unrelated adults' },
  families: { 'zh-CN': '多户合住', 'en-US': 'Several families' },
};

/** What a household visit (走访) found: everything as registered, or changes (applied or sent for review by rule). */
export const HOUSEHOLD_VISIT_OUTCOMES = ['confirmed', 'updated'] as const;
export type HouseholdVisitOutcome = (typeof HOUSEHOLD_VISIT_OUTCOMES)[number];
export const HOUSEHOLD_VISIT_OUTCOME_LABELS: Labels<HouseholdVisitOutcome> = {
  confirmed: { 'zh-CN': '核实无变化', 'en-US': 'Confirmed unchanged' },
  updated: { 'zh-CN': '有变更', 'en-US': 'Updated' },
};

/**
 * The changes a visit can bring (domain/visit-changes.ts says which apply at once and which wait
 * for the community desk's review).
 */
export const VISIT_CHANGE_KINDS = ['add-member', 'move-out', 'dwelling-use', 'tag', 'new-head', 'id-number'] as const;
export type VisitChangeKind = (typeof VISIT_CHANGE_KINDS)[number];
export const VISIT_CHANGE_KIND_LABELS: Labels<VisitChangeKind> = {
  'add-member': { 'zh-CN': '新增成员', 'en-US': 'Member added' },
  'move-out': { 'zh-CN': '成员迁出', 'en-US': 'Member moved out' },
  'dwelling-use': { 'zh-CN': '房屋用途', 'en-US': 'Dwelling use' },
  tag: { 'zh-CN': '人员标签', 'en-US': 'Tag' },
  'new-head': { 'zh-CN': '变更户主', 'en-US': 'New head' },
  'id-number': { 'zh-CN': '身份证号', 'en-US': 'ID number' },
};

export const VISIT_REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;
export type VisitReviewState = (typeof VISIT_REVIEW_STATES)[number];
export const VISIT_REVIEW_STATE_LABELS: Labels<VisitReviewState> = {
  pending: { 'zh-CN': '待审核', 'en-US': 'Pending' },
  approved: { 'zh-CN': '已通过', 'en-US': 'Approved' },
  rejected: { 'zh-CN': '已驳回', 'en-US': 'Rejected' },
};

/** The label tables of coded shared fields, by record kind (a field not listed is shown as it is). */
const SHARED_FIELD_CODES: Partial<Record<SharedRecordKind, Partial<Record<ShareableField, Labels<string>>>>> = {
  person: { sex: SEX_LABELS, residence: RESIDENCE_KIND_LABELS, householdRelation: HOUSEHOLD_RELATION_LABELS },
  household: { kind: HOUSEHOLD_KIND_LABELS },
  dwelling: { use: DWELLING_USE_LABELS },
  building: { use: BUILDING_USE_LABELS },
  organization: { kind: ORGANIZATION_KIND_LABELS },
  facility: { state: FACILITY_STATE_LABELS },
};

/**
 * One shared field's value as a person reads it, the same on the desk and in the Excel export:
 * codes by their labels, tags joined, a point as "lon, lat", nothing as empty.
 */
export function sharedFieldText(
  kind: SharedRecordKind,
  field: string,
  value: unknown,
  locale: keyof LocalizedText,
): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map((v) => (field === 'tags' ? (PERSON_TAG_LABELS[v as PersonTag]?.[locale] ?? String(v)) : String(v)))
      .join('、');
  }
  if (typeof value === 'object') {
    const { lon, lat } = value as { lon?: unknown; lat?: unknown };
    return typeof lon === 'number' && typeof lat === 'number' ? `${lon}, ${lat}` : JSON.stringify(value);
  }
  const labels = SHARED_FIELD_CODES[kind]?.[field as ShareableField];
  return labels?.[String(value)]?.[locale] ?? String(value);
}
