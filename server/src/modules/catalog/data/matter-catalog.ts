import {
  HANDLING_LEVELS,
  type HandlingLevel,
  MATTER_CATEGORIES,
  type MatterCategory,
  searchMatters as rankMatters,
} from '@yiwang/contracts';
import type { WorkingDuration } from '@yiwang/contracts';
import {
  DEPARTMENT_CODES,
  type DepartmentCode,
  type Difficulty,
  EVENT_CLASSES,
  type EventClass,
  FACILITY_CLASSES,
  type FacilityClass,
  type FormField,
  LIMIT_CLASSES,
  type LimitClass,
  type Matter,
  type StageTimeLimits,
} from './matter.js';

/**
 * The seeded matter catalog (事项清单): 150 patrol matters from the county's 24
 * departments, in seed 000's five categories, modelled on Jiangyin's list ("涵盖公安、城管、
 * 综治、卫健、环保、安监、水利、公用事业等24个部门的150项日常巡查类事项清单"). The real list
 * is not public; names, owners, levels and limits follow national practice (GB/T 30428
 * classes, 12345 time limits) and are meant to be edited by administrators.
 *
 * Codes: category prefix (ZZ 综合治理, MS 民生服务, AQ 公共安全, CG 城市管理, QT 其他), a
 * 2-digit group and a 2-digit item. A code is never reused for another matter.
 */

const CATEGORY_BY_PREFIX: Readonly<Record<string, MatterCategory>> = {
  ZZ: 'comprehensive_governance',
  MS: 'livelihood_service',
  AQ: 'public_safety',
  CG: 'urban_management',
  QT: 'other',
};

const hours = (amount: number): WorkingDuration => ({ unit: 'working_hours', amount });
const days = (amount: number): WorkingDuration => ({ unit: 'working_days', amount });

/** Default stage limits of each class; a matter may set its own handling limit. */
export const DEFAULT_STAGE_LIMITS: Readonly<Record<LimitClass, StageTimeLimits>> = {
  urgent: { registerHours: 0.5, dispatchHours: 0.5, handle: hours(4), verifyHours: 2 },
  routine: { registerHours: 2, dispatchHours: 2, handle: days(2), verifyHours: 4 },
  help: { registerHours: 4, dispatchHours: 4, handle: days(3), verifyHours: 8 },
  complex: { registerHours: 4, dispatchHours: 8, handle: days(13), verifyHours: 16 },
};

// ── form fields (Open311 service attributes) ───────────────────────────────────────

type Choice = readonly [key: string, name: string, nameEn: string];

function choice(
  code: string,
  description: string,
  descriptionEn: string,
  values: readonly Choice[],
  options: { required?: boolean; multiple?: boolean } = {},
): FormField {
  return {
    code,
    datatype: options.multiple ? 'multivaluelist' : 'singlevaluelist',
    required: options.required ?? true,
    description,
    descriptionEn,
    values: values.map(([key, name, nameEn]) => ({ key, name, nameEn })),
  };
}

function number(code: string, description: string, descriptionEn: string, required = false): FormField {
  return { code, datatype: 'number', required, description, descriptionEn };
}

function text(code: string, description: string, descriptionEn: string, required = false): FormField {
  return { code, datatype: 'string', required, description, descriptionEn };
}

const YES_NO: readonly Choice[] = [
  ['yes', '是', 'Yes'],
  ['no', '否', 'No'],
];

/** Asked for every facility: which one, and whether anyone is at risk (decides urgency). */
const FACILITY_FIELDS: readonly FormField[] = [
  text('facility_code', '部件编号（见部件铭牌，可不填）', 'Facility number (on its plate; optional)'),
  choice('hazard', '是否有安全隐患', 'Is anyone at risk?', [
    ['none', '无明显隐患', 'No apparent risk'],
    ['risk', '存在安全隐患', 'A safety risk'],
    ['harm', '已造成人员受伤或财产损失', 'Someone was hurt or property damaged'],
  ]),
];

/** Asked for every event: when it was seen (the report time when left empty). */
const EVENT_FIELDS: readonly FormField[] = [
  {
    code: 'observed_at',
    datatype: 'datetime',
    required: false,
    description: '发现时间（不填为上报时间）',
    descriptionEn: 'When it was seen (the report time if empty)',
  },
];

const COVER_TYPE = choice(
  'cover_type',
  '井盖标识',
  'Marking on the cover',
  [
    ['rain', '雨水', 'Storm water'],
    ['sewage', '污水', 'Sewage'],
    ['water', '自来水', 'Water supply'],
    ['gas', '燃气', 'Gas'],
    ['power', '电力', 'Power'],
    ['telecom', '通信', 'Telecom'],
    ['unknown', '看不清', 'Cannot tell'],
  ],
  { required: false },
);

const DISPUTE_FIELDS: readonly FormField[] = [
  number('parties', '涉及人数', 'People involved'),
  choice('intensity', '矛盾程度', 'How heated', [
    ['calm', '一般', 'Calm'],
    ['heated', '激烈', 'Heated'],
    ['escalating', '有激化风险', 'Risk of escalation'],
  ]),
];

const ADDRESS = text('address', '门牌号或房号', 'House or flat number', true);

// ── the builder ────────────────────────────────────────────────────────────────────

type MatterSpec = {
  readonly code: string;
  readonly name: string;
  readonly en: string;
  /** Pinyin initials of the name. */
  readonly py: string;
  readonly owners: readonly DepartmentCode[];
  readonly level: HandlingLevel;
  readonly limit: LimitClass;
  /** Overrides the class's handling limit. */
  readonly handle?: WorkingDuration;
  readonly difficulty: Difficulty;
  /** The command unit may verify at the desk (a phone callback, a document): no on-site check. */
  readonly deskCheck?: true;
  readonly radius?: number;
  readonly window?: number;
  readonly keywords?: readonly string[];
  readonly fields?: readonly FormField[];
} & ({ readonly facility: FacilityClass } | { readonly event: EventClass });

/** Departments whose matters are about people or security (police, petitions, justice, civil affairs). */
const PEOPLE_AND_SECURITY_OWNERS: readonly DepartmentCode[] = ['police', 'petition', 'justice', 'civil'];
/** Categories about people and security: 综合治理 (disputes, petitions), 公共安全, 民生服务 (households in need). */
const SENSITIVE_CATEGORIES: readonly MatterCategory[] = ['comprehensive_governance', 'public_safety', 'livelihood_service'];

/**
 * The seed's one rule for the public listing (Open311): a matter is listed publicly only
 * when it is about a thing in public space — its category is 城市管理 or 其他, it is no
 * dispute (纠纷, 矛盾), and its lead department does not deal with people or security (an
 * assisting police force, as for flyers, does not make it sensitive). Everything
 * else is sensitive: a neighbour dispute, a fire hazard in someone's stairwell or an older
 * person living alone is never shown to the public. Administrators change it per matter.
 */
export function listedPubliclyBySeedRule(m: Pick<Matter, 'category' | 'name' | 'ownerUnitCodes'>): boolean {
  return (
    !SENSITIVE_CATEGORIES.includes(m.category) &&
    !/纠纷|矛盾/.test(m.name) &&
    !PEOPLE_AND_SECURITY_OWNERS.some((code) => code === m.ownerUnitCodes[0])
  );
}

function matter(spec: MatterSpec): Matter {
  const limits = DEFAULT_STAGE_LIMITS[spec.limit];
  const base = {
    code: spec.code,
    name: spec.name,
    nameEn: spec.en,
    category: CATEGORY_BY_PREFIX[spec.code.slice(0, 2)] ?? 'other',
    ownerUnitCodes: spec.owners,
    handlingLevel: spec.level,
    limitClass: spec.limit,
    timeLimits: { ...limits, handle: spec.handle ?? limits.handle },
    difficulty: spec.difficulty,
    needsOnSiteVerification: spec.deskCheck !== true,
    duplicateRadiusMeters: spec.radius ?? 50,
    duplicateWindowHours: spec.window ?? 72,
    pinyinInitials: spec.py,
    keywords: spec.keywords ?? [],
  };
  const listed = { ...base, listedPublicly: listedPubliclyBySeedRule(base) };
  if ('facility' in spec)
    return {
      ...listed,
      kind: 'facility',
      gbClass: spec.facility,
      formFields: [...FACILITY_FIELDS, ...(spec.fields ?? [])],
    };
  return { ...listed, kind: 'event', gbClass: spec.event, formFields: [...EVENT_FIELDS, ...(spec.fields ?? [])] };
}

// ── 城市管理 CG ─────────────────────────────────────────────────────────────────────

// biome-ignore format: one matter per line reads as a table
const URBAN_MANAGEMENT: readonly Matter[] = [
  // 01 公用设施
  matter({ code: 'CG-0101', name: '井盖缺失', en: 'Missing manhole cover', py: 'jgqs', owners: ['urban', 'watersupply'], level: 'town', limit: 'urgent', difficulty: 2, facility: 'public_utilities', keywords: ['窨井盖', '下水道盖'], fields: [COVER_TYPE] }),
  matter({ code: 'CG-0102', name: '井盖破损', en: 'Damaged manhole cover', py: 'jgps', owners: ['urban', 'watersupply'], level: 'town', limit: 'urgent', difficulty: 2, facility: 'public_utilities', keywords: ['井盖松动', '井盖下沉'], fields: [COVER_TYPE] }),
  matter({ code: 'CG-0103', name: '雨水箅子破损', en: 'Damaged storm-drain grate', py: 'ysbzps', owners: ['urban'], level: 'town', limit: 'routine', difficulty: 1, facility: 'public_utilities', keywords: ['雨水篦子', '排水口'] }),
  matter({ code: 'CG-0104', name: '路灯不亮', en: 'Street lamp out', py: 'ldbl', owners: ['urban', 'power'], level: 'town', limit: 'routine', difficulty: 1, facility: 'public_utilities', keywords: ['路灯坏了', '路灯故障'], fields: [number('lamp_count', '不亮的路灯数量', 'Number of lamps out')] }),
  matter({ code: 'CG-0105', name: '路灯杆破损', en: 'Damaged lamp post', py: 'ldgps', owners: ['urban', 'power'], level: 'town', limit: 'routine', difficulty: 2, facility: 'public_utilities', keywords: ['灯杆倾斜', '灯杆漏电'] }),
  matter({ code: 'CG-0106', name: '供水管道漏水', en: 'Water main leak', py: 'gsgdls', owners: ['watersupply'], level: 'town', limit: 'urgent', difficulty: 3, event: 'emergencies', radius: 100, window: 24, keywords: ['水管爆裂', '自来水管破裂'] }),
  matter({ code: 'CG-0107', name: '消火栓损坏', en: 'Damaged fire hydrant', py: 'xhssh', owners: ['fire', 'watersupply'], level: 'town', limit: 'routine', difficulty: 2, facility: 'public_utilities', keywords: ['消防栓'] }),
  matter({ code: 'CG-0108', name: '燃气设施破损', en: 'Damaged gas facility', py: 'rqssps', owners: ['gas'], level: 'city', limit: 'urgent', difficulty: 3, facility: 'public_utilities', keywords: ['燃气管', '调压箱'] }),
  matter({ code: 'CG-0109', name: '电力设施损坏', en: 'Damaged power facility', py: 'dlsssh', owners: ['power'], level: 'city', limit: 'urgent', difficulty: 3, facility: 'public_utilities', keywords: ['变压器', '电线杆', '电箱'] }),
  matter({ code: 'CG-0110', name: '线缆乱拉乱挂', en: 'Tangled overhead cables', py: 'xllllg', owners: ['urban', 'power'], level: 'town', limit: 'complex', handle: days(5), difficulty: 2, facility: 'public_utilities', keywords: ['蜘蛛网', '飞线'] }),
  matter({ code: 'CG-0111', name: '公厕设施损坏', en: 'Damaged public toilet', py: 'gcsssh', owners: ['urban'], level: 'town', limit: 'routine', difficulty: 1, facility: 'city_appearance', keywords: ['公共厕所'] }),
  matter({ code: 'CG-0112', name: '垃圾箱损坏', en: 'Damaged litter bin', py: 'ljxsh', owners: ['urban'], level: 'community', limit: 'routine', difficulty: 1, facility: 'city_appearance', keywords: ['垃圾桶', '果壳箱'] }),
  // 02 道路交通
  matter({ code: 'CG-0201', name: '道路破损', en: 'Damaged road surface', py: 'dlps', owners: ['urban', 'transport'], level: 'town', limit: 'routine', difficulty: 2, facility: 'road_traffic', keywords: ['坑洼', '路面坑塘'] }),
  matter({ code: 'CG-0202', name: '人行道板破损', en: 'Broken sidewalk paving', py: 'rxdbps', owners: ['urban'], level: 'town', limit: 'routine', difficulty: 1, facility: 'road_traffic', keywords: ['人行道砖', '盲道'] }),
  matter({ code: 'CG-0203', name: '交通标志损坏', en: 'Damaged traffic sign', py: 'jtbzsh', owners: ['police', 'transport'], level: 'city', limit: 'routine', difficulty: 2, facility: 'road_traffic', keywords: ['路牌', '指示牌'] }),
  matter({ code: 'CG-0204', name: '交通信号灯故障', en: 'Traffic light fault', py: 'jtxhdgz', owners: ['police'], level: 'city', limit: 'urgent', difficulty: 2, facility: 'road_traffic', keywords: ['红绿灯'] }),
  matter({ code: 'CG-0205', name: '道路护栏损坏', en: 'Damaged guardrail', py: 'dlhlsh', owners: ['transport', 'urban'], level: 'town', limit: 'routine', difficulty: 2, facility: 'road_traffic', keywords: ['隔离栏', '防护栏'] }),
  matter({ code: 'CG-0206', name: '桥梁设施损坏', en: 'Damaged bridge structure', py: 'qlsssh', owners: ['transport', 'urban'], level: 'city', limit: 'urgent', difficulty: 4, facility: 'road_traffic', keywords: ['桥栏杆', '桥面'] }),
  matter({ code: 'CG-0207', name: '公交站亭损坏', en: 'Damaged bus shelter', py: 'gjztsh', owners: ['transport'], level: 'city', limit: 'routine', difficulty: 1, facility: 'road_traffic', keywords: ['公交站台', '候车亭'] }),
  // 03 市容环境
  matter({ code: 'CG-0301', name: '暴露垃圾', en: 'Exposed rubbish', py: 'bllj', owners: ['urban'], level: 'community', limit: 'routine', handle: hours(4), difficulty: 1, event: 'city_appearance', keywords: ['垃圾堆', '乱扔垃圾'], fields: [choice('volume', '垃圾量', 'Amount', [['small', '1立方米以下', 'Under 1 m³'], ['medium', '1至5立方米', '1–5 m³'], ['large', '5立方米以上', 'Over 5 m³']])] }),
  matter({ code: 'CG-0302', name: '垃圾满溢', en: 'Overflowing bin', py: 'ljmy', owners: ['urban'], level: 'community', limit: 'routine', handle: hours(4), difficulty: 1, event: 'city_appearance', keywords: ['垃圾桶满了'] }),
  matter({ code: 'CG-0303', name: '积存垃圾渣土', en: 'Accumulated rubbish and muck', py: 'jcljzt', owners: ['urban'], level: 'town', limit: 'routine', handle: days(1), difficulty: 2, event: 'city_appearance', keywords: ['渣土堆'] }),
  matter({ code: 'CG-0304', name: '道路不洁', en: 'Dirty road', py: 'dlbj', owners: ['urban'], level: 'town', limit: 'routine', handle: hours(4), difficulty: 1, event: 'city_appearance', keywords: ['路面脏', '油污'] }),
  matter({ code: 'CG-0305', name: '水域漂浮物', en: 'Floating debris on water', py: 'sypfw', owners: ['water', 'urban'], level: 'town', limit: 'routine', handle: days(1), difficulty: 2, event: 'city_appearance', radius: 200, window: 48, keywords: ['河面垃圾', '水葫芦'] }),
  matter({ code: 'CG-0306', name: '动物尸体', en: 'Animal carcass', py: 'dwst', owners: ['urban', 'agriculture'], level: 'community', limit: 'urgent', difficulty: 1, event: 'city_appearance', window: 24, keywords: ['死猫', '死狗'] }),
  matter({ code: 'CG-0307', name: '餐厨垃圾乱倒', en: 'Illegal dumping of kitchen waste', py: 'ccljld', owners: ['urban', 'market'], level: 'town', limit: 'routine', difficulty: 3, event: 'city_appearance', keywords: ['泔水', '地沟油'] }),
  matter({ code: 'CG-0308', name: '建筑垃圾乱倒', en: 'Illegal dumping of construction waste', py: 'jzljld', owners: ['urban', 'housing'], level: 'town', limit: 'routine', difficulty: 3, event: 'city_appearance', radius: 100, keywords: ['装修垃圾'] }),
  matter({ code: 'CG-0309', name: '垃圾分类投放不规范', en: 'Waste not sorted', py: 'ljfltfbgf', owners: ['urban'], level: 'community', limit: 'routine', difficulty: 1, event: 'city_appearance', keywords: ['混投'] }),
  matter({ code: 'CG-0310', name: '露天焚烧', en: 'Open burning of rubbish', py: 'ltfs', owners: ['environment', 'urban'], level: 'town', limit: 'urgent', difficulty: 2, event: 'city_appearance', radius: 200, window: 24, keywords: ['烧垃圾', '焚烧树叶'] }),
  // 04 园林绿化
  matter({ code: 'CG-0401', name: '行道树倒伏', en: 'Fallen street tree', py: 'xdsdf', owners: ['urban'], level: 'town', limit: 'urgent', difficulty: 2, facility: 'landscaping', window: 24, keywords: ['大树倒了', '树枝断裂'] }),
  matter({ code: 'CG-0402', name: '毁绿占绿', en: 'Destroying or occupying green space', py: 'hlzl', owners: ['urban'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'city_appearance', keywords: ['绿地种菜', '破坏绿化'] }),
  matter({ code: 'CG-0403', name: '树枝遮挡', en: 'Branches blocking lights or signs', py: 'szzd', owners: ['urban'], level: 'town', limit: 'routine', difficulty: 1, facility: 'landscaping', keywords: ['修剪树枝'] }),
  // 05 宣传广告
  matter({ code: 'CG-0501', name: '非法小广告', en: 'Illegal flyers', py: 'ffxgg', owners: ['urban', 'police'], level: 'community', limit: 'routine', difficulty: 1, event: 'advertising', keywords: ['牛皮癣', '野广告'] }),
  matter({ code: 'CG-0502', name: '乱涂乱画', en: 'Graffiti', py: 'ltlh', owners: ['urban'], level: 'community', limit: 'routine', difficulty: 1, event: 'advertising', keywords: ['涂鸦'] }),
  matter({ code: 'CG-0503', name: '违规户外广告', en: 'Non-compliant outdoor advertising', py: 'wghwgg', owners: ['urban'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'advertising', keywords: ['广告牌', '灯箱'] }),
  matter({ code: 'CG-0504', name: '店招牌匾破损', en: 'Damaged shop sign', py: 'dzpbps', owners: ['urban'], level: 'town', limit: 'urgent', difficulty: 2, facility: 'city_appearance', keywords: ['招牌脱落'] }),
  // 06 施工管理
  matter({ code: 'CG-0601', name: '施工扬尘', en: 'Construction dust', py: 'sgyc', owners: ['housing', 'environment', 'urban'], level: 'town', limit: 'routine', handle: days(1), difficulty: 3, event: 'construction', radius: 200, keywords: ['工地灰尘', '未覆盖'] }),
  matter({ code: 'CG-0602', name: '施工占道', en: 'Construction occupying the road', py: 'sgzd', owners: ['urban', 'police'], level: 'town', limit: 'routine', difficulty: 2, event: 'construction' }),
  matter({ code: 'CG-0603', name: '渣土车抛洒滴漏', en: 'Spillage from muck trucks', py: 'ztcpsdl', owners: ['urban', 'transport'], level: 'town', limit: 'routine', handle: days(1), difficulty: 3, event: 'construction', radius: 200, window: 24, keywords: ['道路遗撒'] }),
  matter({ code: 'CG-0604', name: '夜间施工扰民', en: 'Night-time construction noise', py: 'yjsgrm', owners: ['environment', 'housing'], level: 'town', limit: 'urgent', difficulty: 3, event: 'construction', radius: 200, window: 24, keywords: ['半夜施工'] }),
  matter({ code: 'CG-0605', name: '工地围挡破损', en: 'Damaged site hoarding', py: 'gdwdps', owners: ['housing'], level: 'town', limit: 'routine', difficulty: 2, event: 'construction' }),
  matter({ code: 'CG-0606', name: '道路开挖未恢复', en: 'Road excavation not reinstated', py: 'dlkwwhf', owners: ['urban', 'transport'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'construction', keywords: ['挖路', '掘路'] }),
  // 07 街面秩序
  matter({ code: 'CG-0701', name: '占道经营', en: 'Street vending on the road', py: 'zdjy', owners: ['urban', 'market'], level: 'town', limit: 'routine', handle: hours(4), difficulty: 2, event: 'street_order', radius: 50, window: 24, keywords: ['摆摊', '马路市场'], fields: [number('vendor_count', '摊位数量', 'Number of stalls'), choice('goods', '经营品类', 'Goods sold', [['produce', '果蔬', 'Fruit and vegetables'], ['cooked', '熟食小吃', 'Cooked food'], ['sundries', '日用百货', 'Sundries'], ['other', '其他', 'Other']], { required: false })] }),
  matter({ code: 'CG-0702', name: '店外经营', en: 'Business spilling out of a shop', py: 'dwjy', owners: ['urban'], level: 'town', limit: 'routine', handle: hours(4), difficulty: 2, event: 'street_order', keywords: ['出店经营'] }),
  matter({ code: 'CG-0703', name: '流动摊贩', en: 'Mobile hawkers', py: 'ldtf', owners: ['urban'], level: 'town', limit: 'routine', handle: hours(4), difficulty: 2, event: 'street_order', radius: 100, window: 12, keywords: ['游商'] }),
  matter({ code: 'CG-0704', name: '机动车乱停放', en: 'Illegally parked car', py: 'jdcltf', owners: ['police', 'urban'], level: 'town', limit: 'routine', handle: hours(4), difficulty: 1, event: 'street_order', window: 24, keywords: ['违停', '乱停车'], fields: [text('plate', '车牌号（可不填）', 'Plate number (optional)')] }),
  matter({ code: 'CG-0705', name: '非机动车乱停放', en: 'Disorderly parked bikes', py: 'fjdcltf', owners: ['urban'], level: 'community', limit: 'routine', difficulty: 1, event: 'street_order', keywords: ['电动车乱停'] }),
  matter({ code: 'CG-0706', name: '共享单车乱停放', en: 'Disorderly shared bikes', py: 'gxdcltf', owners: ['urban', 'transport'], level: 'community', limit: 'routine', difficulty: 1, event: 'street_order', keywords: ['共享电单车'] }),
  matter({ code: 'CG-0707', name: '违章搭建', en: 'Illegal building', py: 'wzdj', owners: ['urban', 'planning', 'housing'], level: 'town', limit: 'complex', difficulty: 5, event: 'city_appearance', radius: 30, window: 720, keywords: ['违建', '私搭乱建', '违法建设'], fields: [choice('structure', '搭建类型', 'Kind of structure', [['steel_shed', '彩钢棚', 'Steel shed'], ['masonry', '砖混结构', 'Masonry'], ['balcony', '阳台外扩', 'Balcony extension'], ['rooftop', '屋顶加层', 'Rooftop storey'], ['other', '其他', 'Other']]), number('area_m2', '估计面积（平方米）', 'Estimated area (m²)'), choice('stage', '建设状态', 'Stage', [['building', '正在搭建', 'Being built'], ['completed', '已建成', 'Completed']])] }),
  matter({ code: 'CG-0708', name: '私设地锁', en: 'Private parking locks', py: 'ssds', owners: ['urban'], level: 'community', limit: 'routine', difficulty: 2, event: 'street_order', keywords: ['地桩', '占车位'] }),
  matter({ code: 'CG-0709', name: '餐饮油烟扰民', en: 'Restaurant fumes', py: 'cyyyrm', owners: ['environment', 'urban'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'street_order', radius: 100, window: 168, keywords: ['油烟'] }),
  matter({ code: 'CG-0710', name: '废品收购站占道', en: 'Scrap dealer occupying the road', py: 'fpsgzzd', owners: ['urban', 'commerce'], level: 'town', limit: 'routine', difficulty: 2, event: 'street_order', keywords: ['废品回收'] }),
  matter({ code: 'CG-0711', name: '乞讨卖艺', en: 'Begging or street performing', py: 'qtmy', owners: ['civil', 'urban'], level: 'community', limit: 'routine', handle: hours(4), difficulty: 2, event: 'street_order', radius: 100, window: 24 }),
];

// ── 公共安全 AQ ─────────────────────────────────────────────────────────────────────

// biome-ignore format: one matter per line reads as a table
const PUBLIC_SAFETY: readonly Matter[] = [
  // 01 消防安全
  matter({ code: 'AQ-0101', name: '消防通道堵塞', en: 'Blocked fire lane', py: 'xftdds', owners: ['fire', 'urban', 'police'], level: 'town', limit: 'urgent', difficulty: 4, event: 'street_order', keywords: ['生命通道', '占用消防通道'], fields: [choice('blocked_by', '堵塞物', 'Blocked by', [['vehicles', '车辆', 'Vehicles'], ['goods', '杂物', 'Goods'], ['locks', '地锁或隔离桩', 'Locks or bollards'], ['structure', '搭建物', 'A structure']], { multiple: true })] }),
  matter({ code: 'AQ-0102', name: '电动车楼道充电', en: 'E-bike charging in a stairwell', py: 'ddcldcd', owners: ['fire', 'housing'], level: 'community', limit: 'urgent', difficulty: 4, event: 'extension', radius: 20, window: 168, keywords: ['电瓶车入户', '楼道停放电动车'], fields: [number('vehicle_count', '电动车数量', 'Number of e-bikes'), choice('place', '位置', 'Where', [['stairwell', '楼道', 'Stairwell'], ['indoors', '室内', 'Indoors'], ['entrance', '单元门口', 'Building entrance']])] }),
  matter({ code: 'AQ-0103', name: '楼道堆放杂物', en: 'Clutter in a stairwell', py: 'lddfzw', owners: ['fire', 'housing'], level: 'community', limit: 'routine', difficulty: 3, event: 'extension', radius: 20 }),
  matter({ code: 'AQ-0104', name: '消防设施缺损', en: 'Missing or damaged fire equipment', py: 'xfssqs', owners: ['fire'], level: 'town', limit: 'routine', difficulty: 3, facility: 'other_facilities', keywords: ['灭火器', '应急灯', '疏散指示'] }),
  matter({ code: 'AQ-0105', name: '三合一场所', en: 'Premises combining living, work and storage', py: 'shycs', owners: ['fire', 'emergency', 'market'], level: 'town', limit: 'complex', difficulty: 5, event: 'extension', radius: 30, window: 720, keywords: ['三合一', '前店后宅'] }),
  matter({ code: 'AQ-0106', name: '厂房仓库违规住人', en: 'People living in a factory or warehouse', py: 'cfckwgzr', owners: ['fire', 'emergency'], level: 'town', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension', radius: 30, window: 720 }),
  matter({ code: 'AQ-0107', name: '飞线充电', en: 'Charging from a dangling cable', py: 'fxcd', owners: ['fire', 'power'], level: 'community', limit: 'urgent', difficulty: 3, event: 'extension', radius: 20, keywords: ['私拉电线'] }),
  matter({ code: 'AQ-0108', name: '火灾隐患', en: 'Other fire hazard', py: 'hzyh', owners: ['fire'], level: 'town', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension' }),
  // 02 安全生产
  matter({ code: 'AQ-0201', name: '危化品违规存放', en: 'Hazardous chemicals stored unlawfully', py: 'whpwgcf', owners: ['emergency', 'police', 'fire'], level: 'city', limit: 'urgent', difficulty: 5, event: 'extension', radius: 100, window: 168, fields: [text('substance', '物品名称或标识', 'Substance or label')] }),
  matter({ code: 'AQ-0202', name: '非法经营液化气', en: 'Illegal LPG cylinder trade', py: 'ffjyyhq', owners: ['gas', 'market', 'emergency'], level: 'town', limit: 'urgent', difficulty: 4, event: 'extension', radius: 100, window: 168, keywords: ['黑气瓶', '煤气罐'] }),
  matter({ code: 'AQ-0203', name: '小作坊安全隐患', en: 'Workshop safety hazard', py: 'xzfaqyh', owners: ['emergency', 'market'], level: 'town', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension', radius: 30, window: 720 }),
  matter({ code: 'AQ-0204', name: '有限空间作业隐患', en: 'Unsafe confined-space work', py: 'yxkjzyyh', owners: ['emergency'], level: 'city', limit: 'urgent', difficulty: 4, event: 'extension', window: 24, keywords: ['窨井作业', '化粪池作业'] }),
  matter({ code: 'AQ-0205', name: '企业安全生产隐患', en: 'Workplace safety hazard', py: 'qyaqscyh', owners: ['emergency'], level: 'city', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension', radius: 100, window: 720 }),
  matter({ code: 'AQ-0206', name: '电梯安全隐患', en: 'Lift safety hazard', py: 'dtaqyh', owners: ['market', 'housing'], level: 'city', limit: 'urgent', difficulty: 3, facility: 'other_facilities', radius: 20, keywords: ['电梯故障', '电梯异响'] }),
  matter({ code: 'AQ-0207', name: '违规燃放烟花爆竹', en: 'Fireworks set off unlawfully', py: 'wgrfyhbz', owners: ['police', 'emergency'], level: 'town', limit: 'urgent', difficulty: 2, event: 'extension', radius: 200, window: 12 }),
  // 03 治安与交通安全
  matter({ code: 'AQ-0301', name: '治安隐患', en: 'Public-order hazard', py: 'zayh', owners: ['police'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'extension', keywords: ['监控盲区', '照明不足'] }),
  matter({ code: 'AQ-0302', name: '可疑人员物品', en: 'Suspicious person or object', py: 'kyrywp', owners: ['police'], level: 'city', limit: 'urgent', difficulty: 3, event: 'extension', radius: 200, window: 6, deskCheck: true }),
  matter({ code: 'AQ-0303', name: '道路交通安全隐患', en: 'Road-safety hazard', py: 'dljtaqyh', owners: ['police', 'transport'], level: 'city', limit: 'complex', handle: days(5), difficulty: 3, event: 'extension', radius: 100, window: 168 }),
  matter({ code: 'AQ-0304', name: '非法营运车辆', en: 'Unlicensed taxi', py: 'ffyycl', owners: ['transport', 'police'], level: 'city', limit: 'complex', handle: days(5), difficulty: 4, event: 'street_order', radius: 200, keywords: ['黑车', '黑出租'] }),
  matter({ code: 'AQ-0305', name: '电动自行车违规改装', en: 'Illegally modified e-bike', py: 'ddzxcwggz', owners: ['police', 'market'], level: 'town', limit: 'routine', difficulty: 3, event: 'extension' }),
  matter({ code: 'AQ-0306', name: '娱乐场所治安隐患', en: 'Public-order hazard at an entertainment venue', py: 'ylcszayh', owners: ['police', 'culture'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'extension', radius: 30, window: 168, keywords: ['KTV', '歌舞厅'] }),
  // 04 灾害与险情
  matter({ code: 'AQ-0401', name: '道路积水', en: 'Flooded road', py: 'dljs', owners: ['urban', 'water'], level: 'town', limit: 'urgent', difficulty: 2, event: 'emergencies', radius: 200, window: 24, fields: [number('depth_cm', '积水深度（厘米）', 'Water depth (cm)')] }),
  matter({ code: 'AQ-0402', name: '路面塌陷', en: 'Road collapse', py: 'lmtx', owners: ['urban', 'transport'], level: 'city', limit: 'urgent', difficulty: 4, event: 'emergencies', radius: 100, window: 48 }),
  matter({ code: 'AQ-0403', name: '河道堤防险情', en: 'Danger on a river embankment', py: 'hddfxq', owners: ['water'], level: 'city', limit: 'urgent', difficulty: 4, event: 'emergencies', radius: 300, window: 24, keywords: ['管涌', '渗漏', '决口'] }),
  matter({ code: 'AQ-0404', name: '危房隐患', en: 'Dangerous building', py: 'wfyh', owners: ['housing'], level: 'town', limit: 'routine', handle: days(1), difficulty: 4, facility: 'housing_land', radius: 30, window: 720, keywords: ['房屋开裂', '墙体倾斜'] }),
  matter({ code: 'AQ-0405', name: '高空坠物隐患', en: 'Risk of falling objects', py: 'gkzwyh', owners: ['housing', 'urban'], level: 'town', limit: 'urgent', difficulty: 3, facility: 'housing_land', radius: 30, keywords: ['外墙脱落', '空调外机松动'] }),
  matter({ code: 'AQ-0406', name: '地质灾害隐患', en: 'Geological hazard', py: 'dzzhyh', owners: ['planning', 'emergency'], level: 'city', limit: 'urgent', difficulty: 4, event: 'emergencies', radius: 300, window: 168, keywords: ['山体滑坡', '边坡'] }),
  matter({ code: 'AQ-0407', name: '防汛设施损坏', en: 'Damaged flood-control facility', py: 'fxsssh', owners: ['water'], level: 'town', limit: 'routine', difficulty: 3, facility: 'other_facilities', radius: 100, keywords: ['闸门', '泵站'] }),
  matter({ code: 'AQ-0408', name: '道路积雪结冰', en: 'Snow or ice on the road', py: 'dljxjb', owners: ['urban', 'transport'], level: 'town', limit: 'urgent', difficulty: 2, event: 'emergencies', radius: 200, window: 48 }),
];

// ── 综合治理 ZZ ─────────────────────────────────────────────────────────────────────

// biome-ignore format: one matter per line reads as a table
const COMPREHENSIVE_GOVERNANCE: readonly Matter[] = [
  // 01 矛盾纠纷
  matter({ code: 'ZZ-0101', name: '邻里纠纷', en: 'Dispute between neighbours', py: 'lljf', owners: ['justice'], level: 'community', limit: 'complex', handle: days(5), difficulty: 2, event: 'extension', deskCheck: true, radius: 30, window: 168, fields: DISPUTE_FIELDS }),
  matter({ code: 'ZZ-0102', name: '家庭纠纷', en: 'Family dispute', py: 'jtjf', owners: ['justice', 'civil'], level: 'community', limit: 'complex', handle: days(5), difficulty: 2, event: 'extension', deskCheck: true, radius: 20, window: 168, fields: DISPUTE_FIELDS }),
  matter({ code: 'ZZ-0103', name: '物业纠纷', en: 'Property-management dispute', py: 'wyjf', owners: ['housing'], level: 'community', limit: 'complex', handle: days(10), difficulty: 3, event: 'extension', deskCheck: true, radius: 100, window: 168, fields: DISPUTE_FIELDS }),
  matter({ code: 'ZZ-0104', name: '拖欠工资', en: 'Unpaid wages', py: 'tqgz', owners: ['hrss'], level: 'town', limit: 'complex', difficulty: 4, event: 'extension', deskCheck: true, radius: 100, window: 720, keywords: ['欠薪', '讨薪'], fields: [number('workers', '涉及人数', 'Workers affected', true), number('amount_yuan', '涉及金额（元）', 'Amount owed (yuan)')] }),
  matter({ code: 'ZZ-0105', name: '土地承包纠纷', en: 'Land-contract dispute', py: 'tdcbjf', owners: ['agriculture', 'planning'], level: 'town', limit: 'complex', difficulty: 4, event: 'extension', deskCheck: true, radius: 200, window: 720, fields: DISPUTE_FIELDS }),
  matter({ code: 'ZZ-0106', name: '医疗纠纷', en: 'Medical dispute', py: 'yljf', owners: ['health', 'justice'], level: 'city', limit: 'complex', difficulty: 4, event: 'extension', deskCheck: true, radius: 100, window: 720, fields: DISPUTE_FIELDS }),
  matter({ code: 'ZZ-0107', name: '征地拆迁矛盾', en: 'Land-requisition or demolition conflict', py: 'zdcqmd', owners: ['planning', 'housing'], level: 'city', limit: 'complex', difficulty: 5, event: 'extension', deskCheck: true, radius: 300, window: 720, fields: DISPUTE_FIELDS }),
  matter({ code: 'ZZ-0108', name: '群体性事件苗头', en: 'Signs of a mass incident', py: 'qtxsjmt', owners: ['police', 'petition'], level: 'city', limit: 'urgent', difficulty: 5, event: 'emergencies', radius: 500, window: 72, fields: [number('people', '聚集人数', 'People gathering')] }),
  matter({ code: 'ZZ-0109', name: '信访苗头', en: 'Signs of a petition', py: 'xfmt', owners: ['petition'], level: 'town', limit: 'routine', handle: days(1), difficulty: 4, event: 'extension', deskCheck: true, radius: 100, window: 168 }),
  // 02 特殊人群服务管理（敏感个人信息：访问受限）
  matter({ code: 'ZZ-0201', name: '社区矫正对象异常', en: 'Concern about a person under community correction', py: 'sqjzdxyc', owners: ['justice'], level: 'town', limit: 'urgent', difficulty: 4, event: 'extension', radius: 20, window: 72 }),
  matter({ code: 'ZZ-0202', name: '刑满释放人员帮教', en: 'Support for a released prisoner', py: 'xmsfrybj', owners: ['justice'], level: 'community', limit: 'help', difficulty: 3, event: 'extension', radius: 20, window: 168 }),
  matter({ code: 'ZZ-0203', name: '精神障碍患者异常', en: 'Concern about a person with a severe mental disorder', py: 'jszahzyc', owners: ['health', 'police', 'civil'], level: 'community', limit: 'urgent', difficulty: 4, event: 'extension', radius: 20, window: 72 }),
  matter({ code: 'ZZ-0204', name: '吸毒人员异常', en: 'Concern about a drug user', py: 'xdryyc', owners: ['police'], level: 'town', limit: 'urgent', difficulty: 4, event: 'extension', radius: 20, window: 72 }),
  matter({ code: 'ZZ-0205', name: '重点青少年帮扶', en: 'Support for at-risk youth', py: 'zdqsnbf', owners: ['education', 'justice'], level: 'community', limit: 'complex', handle: days(5), difficulty: 3, event: 'extension', radius: 20, window: 168 }),
  matter({ code: 'ZZ-0206', name: '留守儿童关爱', en: 'Care for a left-behind child', py: 'lsetga', owners: ['civil', 'education'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 168 }),
  // 03 平安建设
  matter({ code: 'ZZ-0301', name: '涉邪教活动', en: 'Cult activity', py: 'sxjhd', owners: ['police'], level: 'city', limit: 'urgent', difficulty: 4, event: 'extension', deskCheck: true, radius: 200, window: 168 }),
  matter({ code: 'ZZ-0302', name: '非法集资线索', en: 'Lead on illegal fundraising', py: 'ffjzxs', owners: ['police', 'market'], level: 'city', limit: 'complex', handle: days(5), difficulty: 5, event: 'extension', deskCheck: true, radius: 100, window: 720 }),
  matter({ code: 'ZZ-0303', name: '电信网络诈骗线索', en: 'Lead on telecom or online fraud', py: 'dxwlzpxs', owners: ['police'], level: 'city', limit: 'urgent', difficulty: 3, event: 'extension', deskCheck: true, radius: 20, window: 24, keywords: ['电诈', '反诈'] }),
  matter({ code: 'ZZ-0304', name: '黄赌毒线索', en: 'Lead on prostitution, gambling or drugs', py: 'hddxs', owners: ['police'], level: 'city', limit: 'urgent', difficulty: 4, event: 'extension', deskCheck: true, radius: 50, window: 168 }),
  matter({ code: 'ZZ-0305', name: '出租房屋未登记', en: 'Unregistered rental', py: 'czfwwdj', owners: ['police', 'housing'], level: 'community', limit: 'routine', difficulty: 2, event: 'extension', radius: 20, window: 720, fields: [ADDRESS] }),
  matter({ code: 'ZZ-0306', name: '群租房', en: 'Overcrowded group rental', py: 'qzf', owners: ['housing', 'police', 'fire'], level: 'town', limit: 'complex', difficulty: 5, event: 'extension', radius: 20, window: 720, keywords: ['隔断房', '打隔断'], fields: [ADDRESS, number('rooms', '隔出的房间数', 'Rooms partitioned'), number('occupants', '居住人数', 'Occupants'), choice('partitioned', '是否违规打隔断', 'Partition walls added?', YES_NO)] }),
  matter({ code: 'ZZ-0307', name: '流动人口未登记', en: 'Unregistered migrant resident', py: 'ldrkwdj', owners: ['police'], level: 'community', limit: 'routine', difficulty: 1, event: 'extension', radius: 20, window: 720, fields: [ADDRESS] }),
  matter({ code: 'ZZ-0308', name: '校园周边安全隐患', en: 'Safety hazard near a school', py: 'xyzbaqyh', owners: ['education', 'police'], level: 'town', limit: 'complex', handle: days(5), difficulty: 3, event: 'extension', radius: 200 }),
  matter({ code: 'ZZ-0309', name: '无证无照经营', en: 'Unlicensed business', py: 'wzwzjy', owners: ['market'], level: 'town', limit: 'complex', difficulty: 3, event: 'street_order', radius: 30, window: 720 }),
  matter({ code: 'ZZ-0310', name: '非法行医', en: 'Unlicensed medical practice', py: 'ffxy', owners: ['health'], level: 'city', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension', radius: 30, window: 720, keywords: ['黑诊所'] }),
];

// ── 民生服务 MS ─────────────────────────────────────────────────────────────────────

// biome-ignore format: one matter per line reads as a table
const LIVELIHOOD_SERVICE: readonly Matter[] = [
  // 01 社会救助与养老
  matter({ code: 'MS-0101', name: '独居老人帮扶', en: 'Help for an older person living alone', py: 'djlrbf', owners: ['civil'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 168, keywords: ['空巢老人', '孤寡老人'], fields: [number('age', '年龄', 'Age', true), choice('needs', '需要的帮助', 'Help needed', [['meals', '助餐', 'Meals'], ['medical', '助医', 'Medical visits'], ['cleaning', '助洁', 'Housework'], ['company', '精神慰藉', 'Company'], ['safety', '安全看护', 'Safety checks']], { multiple: true })] }),
  matter({ code: 'MS-0102', name: '困难家庭救助', en: 'Assistance for a family in hardship', py: 'knjtjz', owners: ['civil'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 168 }),
  matter({ code: 'MS-0103', name: '低保申请咨询', en: 'Minimum-living allowance inquiry', py: 'dbsqzx', owners: ['civil'], level: 'community', limit: 'help', difficulty: 1, event: 'extension', deskCheck: true, radius: 20, window: 168 }),
  matter({ code: 'MS-0104', name: '残疾人帮扶', en: 'Support for a person with disability', py: 'cjrbf', owners: ['civil'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 168, keywords: ['无障碍', '残疾证'] }),
  matter({ code: 'MS-0105', name: '流浪人员救助', en: 'Help for a homeless person', py: 'llryjz', owners: ['civil', 'police'], level: 'town', limit: 'urgent', difficulty: 2, event: 'extension', radius: 300, window: 24 }),
  matter({ code: 'MS-0106', name: '养老服务需求', en: 'Elderly-care service request', py: 'ylfwxq', owners: ['civil', 'health'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 168 }),
  matter({ code: 'MS-0107', name: '临时救助', en: 'Emergency temporary assistance', py: 'lsjz', owners: ['civil'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 72 }),
  // 02 就业与社会保障
  matter({ code: 'MS-0201', name: '就业援助', en: 'Employment assistance', py: 'jyyz', owners: ['hrss'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', deskCheck: true, radius: 20, window: 168, keywords: ['找工作', '失业登记'] }),
  matter({ code: 'MS-0202', name: '社保参保咨询', en: 'Social-insurance enrolment inquiry', py: 'sbcbzx', owners: ['hrss'], level: 'community', limit: 'help', difficulty: 1, event: 'extension', deskCheck: true, radius: 20, window: 168 }),
  matter({ code: 'MS-0203', name: '医保参保缴费咨询', en: 'Medical-insurance enrolment inquiry', py: 'ybcbjfzx', owners: ['medinsurance'], level: 'community', limit: 'help', difficulty: 1, event: 'extension', deskCheck: true, radius: 20, window: 168 }),
  matter({ code: 'MS-0204', name: '医保报销咨询', en: 'Medical-insurance reimbursement inquiry', py: 'ybbxzx', owners: ['medinsurance'], level: 'community', limit: 'help', difficulty: 1, event: 'extension', deskCheck: true, radius: 20, window: 168 }),
  matter({ code: 'MS-0205', name: '骗取医保基金线索', en: 'Lead on medical-insurance fraud', py: 'pqybjjxs', owners: ['medinsurance', 'police'], level: 'city', limit: 'complex', difficulty: 4, event: 'extension', deskCheck: true, radius: 50, window: 720, keywords: ['骗保', '虚假住院'] }),
  // 03 卫生健康与食品
  matter({ code: 'MS-0301', name: '病媒生物孳生', en: 'Pest breeding (mosquitoes, flies, rats)', py: 'bmswzs', owners: ['health', 'urban'], level: 'community', limit: 'routine', difficulty: 1, event: 'extension', radius: 100, keywords: ['老鼠', '蚊子', '蟑螂'] }),
  matter({ code: 'MS-0302', name: '传染病疫情线索', en: 'Lead on an infectious-disease outbreak', py: 'crbyqxs', owners: ['health'], level: 'city', limit: 'urgent', difficulty: 4, event: 'emergencies', deskCheck: true, radius: 300, window: 168 }),
  matter({ code: 'MS-0303', name: '家庭医生签约服务', en: 'Family-doctor sign-up', py: 'jtysqyfw', owners: ['health'], level: 'community', limit: 'help', difficulty: 1, event: 'extension', deskCheck: true, radius: 20, window: 168 }),
  matter({ code: 'MS-0304', name: '食品安全隐患', en: 'Food-safety hazard', py: 'spaqyh', owners: ['market'], level: 'town', limit: 'routine', handle: days(1), difficulty: 3, event: 'extension', radius: 30, window: 168, keywords: ['过期食品', '后厨卫生'] }),
  // 04 教育文化体育
  matter({ code: 'MS-0401', name: '校外培训违规', en: 'Non-compliant after-school tutoring', py: 'xwpxwg', owners: ['education'], level: 'town', limit: 'complex', difficulty: 3, event: 'extension', radius: 30, window: 720 }),
  matter({ code: 'MS-0402', name: '网吧接纳未成年人', en: 'Internet café admitting minors', py: 'wbjnwcnr', owners: ['culture', 'police'], level: 'town', limit: 'urgent', difficulty: 3, event: 'extension', radius: 30, window: 24 }),
  matter({ code: 'MS-0403', name: '健身器材损坏', en: 'Damaged outdoor fitness equipment', py: 'jsqcsh', owners: ['culture'], level: 'community', limit: 'routine', difficulty: 1, facility: 'other_facilities' }),
  matter({ code: 'MS-0404', name: '文物保护单位受损', en: 'Damage to a protected heritage site', py: 'wwbhdwss', owners: ['culture', 'planning'], level: 'city', limit: 'urgent', difficulty: 3, facility: 'other_facilities', radius: 100, window: 168 }),
  // 05 退役军人与公共服务
  matter({ code: 'MS-0501', name: '退役军人帮扶', en: 'Support for a veteran', py: 'tyjrbf', owners: ['veterans'], level: 'community', limit: 'help', difficulty: 2, event: 'extension', radius: 20, window: 168, keywords: ['优抚对象'] }),
  matter({ code: 'MS-0502', name: '停水', en: 'Water outage', py: 'ts', owners: ['watersupply'], level: 'town', limit: 'urgent', difficulty: 2, event: 'extension', deskCheck: true, radius: 500, window: 24 }),
  matter({ code: 'MS-0503', name: '水压不足', en: 'Low water pressure', py: 'sybz', owners: ['watersupply'], level: 'town', limit: 'routine', difficulty: 2, event: 'extension', deskCheck: true, radius: 300 }),
  matter({ code: 'MS-0504', name: '停电', en: 'Power outage', py: 'td', owners: ['power'], level: 'town', limit: 'urgent', difficulty: 2, event: 'extension', deskCheck: true, radius: 500, window: 24 }),
  matter({ code: 'MS-0505', name: '燃气停供', en: 'Gas outage', py: 'rqtg', owners: ['gas'], level: 'town', limit: 'urgent', difficulty: 2, event: 'extension', deskCheck: true, radius: 500, window: 24 }),
  matter({ code: 'MS-0506', name: '农村生活污水设施故障', en: 'Rural sewage facility fault', py: 'ncshwsssgz', owners: ['housing', 'environment'], level: 'town', limit: 'routine', difficulty: 2, facility: 'public_utilities', radius: 100 }),
  matter({ code: 'MS-0507', name: '二次供水水质问题', en: 'Water quality from a building tank', py: 'ecgsszwt', owners: ['watersupply', 'health'], level: 'town', limit: 'routine', handle: days(1), difficulty: 3, event: 'extension', radius: 100, keywords: ['水发黄', '水箱'] }),
];

// ── 其他 QT ─────────────────────────────────────────────────────────────────────────

// biome-ignore format: one matter per line reads as a table
const OTHER: readonly Matter[] = [
  // 01 生态环境、农业与水利
  matter({ code: 'QT-0101', name: '河道污染', en: 'River pollution', py: 'hdwr', owners: ['environment', 'water'], level: 'city', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension', radius: 200, window: 168, fields: [choice('signs', '污染迹象', 'Signs', [['oil', '漂油', 'Oil film'], ['colour', '水体变色', 'Discoloured water'], ['odour', '异味', 'Odour'], ['dead_fish', '死鱼', 'Dead fish'], ['foam', '泡沫', 'Foam']], { multiple: true })] }),
  matter({ code: 'QT-0102', name: '工业废气排放', en: 'Industrial air emissions', py: 'gyfqpf', owners: ['environment'], level: 'city', limit: 'complex', handle: days(5), difficulty: 4, event: 'extension', radius: 500 }),
  matter({ code: 'QT-0103', name: '企业偷排废水', en: 'Illegal wastewater discharge', py: 'qytpfs', owners: ['environment', 'water'], level: 'city', limit: 'complex', handle: days(5), difficulty: 5, event: 'extension', radius: 300, window: 168 }),
  matter({ code: 'QT-0104', name: '噪声扰民', en: 'Noise nuisance', py: 'zsrm', owners: ['environment', 'police'], level: 'town', limit: 'routine', handle: days(1), difficulty: 2, event: 'extension', radius: 100, keywords: ['噪音', '广场舞'], fields: [choice('source', '噪声来源', 'Source', [['construction', '建筑施工', 'Construction'], ['business', '商业经营', 'Shops'], ['entertainment', '娱乐场所', 'Entertainment venue'], ['neighbours', '社会生活', 'Neighbours and public'], ['industry', '工业企业', 'Factory']]), choice('period', '时段', 'When', [['day', '昼间（6:00–22:00）', 'Day (06:00–22:00)'], ['night', '夜间（22:00–6:00）', 'Night (22:00–06:00)']])] }),
  matter({ code: 'QT-0105', name: '黑臭水体', en: 'Black, foul-smelling water body', py: 'hcst', owners: ['water', 'environment'], level: 'city', limit: 'complex', difficulty: 4, event: 'extension', radius: 300, window: 336 }),
  matter({ code: 'QT-0106', name: '秸秆焚烧', en: 'Straw burning', py: 'jgfs', owners: ['agriculture', 'environment'], level: 'town', limit: 'urgent', difficulty: 2, event: 'city_appearance', radius: 300, window: 24 }),
  matter({ code: 'QT-0107', name: '非法捕捞', en: 'Illegal fishing', py: 'ffbl', owners: ['agriculture'], level: 'town', limit: 'urgent', difficulty: 3, event: 'extension', radius: 300, window: 24, keywords: ['电鱼', '长江禁渔'] }),
  matter({ code: 'QT-0108', name: '违法占用耕地', en: 'Unlawful use of farmland', py: 'wfzygd', owners: ['planning', 'agriculture'], level: 'city', limit: 'complex', difficulty: 5, event: 'extension', radius: 200, window: 720, keywords: ['乱占耕地', '大棚房'] }),
  matter({ code: 'QT-0109', name: '乱砍滥伐', en: 'Illegal logging', py: 'lklf', owners: ['planning', 'agriculture'], level: 'town', limit: 'urgent', difficulty: 3, event: 'extension', radius: 200, window: 168 }),
  matter({ code: 'QT-0110', name: '动物疫情线索', en: 'Lead on an animal disease outbreak', py: 'dwyqxs', owners: ['agriculture'], level: 'city', limit: 'urgent', difficulty: 4, event: 'emergencies', radius: 500, window: 168, keywords: ['病死畜禽'] }),
  matter({ code: 'QT-0111', name: '侵占河道', en: 'Encroachment on a river', py: 'qzhd', owners: ['water'], level: 'city', limit: 'complex', difficulty: 4, event: 'extension', radius: 200, window: 336, keywords: ['圈圩', '河道违建'] }),
  // 02 其他
  matter({ code: 'QT-0201', name: '违规养犬', en: 'Dog-keeping violation', py: 'wgyq', owners: ['police', 'urban'], level: 'community', limit: 'routine', handle: days(1), difficulty: 2, event: 'extension', radius: 100, keywords: ['遛狗不牵绳', '烈性犬'] }),
  matter({ code: 'QT-0202', name: '流浪动物', en: 'Stray animals', py: 'lldw', owners: ['urban', 'agriculture'], level: 'community', limit: 'routine', difficulty: 2, event: 'extension', radius: 200, keywords: ['流浪狗', '流浪猫'] }),
  matter({ code: 'QT-0203', name: '单用途预付卡纠纷', en: 'Prepaid-card dispute', py: 'dytyfkjf', owners: ['commerce', 'market'], level: 'town', limit: 'complex', difficulty: 3, event: 'extension', deskCheck: true, radius: 50, window: 720, keywords: ['办卡跑路', '健身卡', '美容卡'] }),
  matter({ code: 'QT-0204', name: '非法流动加油', en: 'Illegal mobile fuel sales', py: 'ffldjy', owners: ['commerce', 'emergency', 'market'], level: 'town', limit: 'urgent', difficulty: 4, event: 'extension', radius: 300, window: 24, keywords: ['流动加油车', '黑加油点'] }),
  matter({ code: 'QT-0205', name: '其他事项', en: 'Other matter', py: 'qtsx', owners: ['petition'], level: 'town', limit: 'help', difficulty: 2, event: 'extension', deskCheck: true }),
];

/** The seeded catalog: 150 matters, in code order within each category. */
export const MATTER_CATALOG: readonly Matter[] = [
  ...COMPREHENSIVE_GOVERNANCE,
  ...LIVELIHOOD_SERVICE,
  ...PUBLIC_SAFETY,
  ...URBAN_MANAGEMENT,
  ...OTHER,
];

// ── checks ─────────────────────────────────────────────────────────────────────────

export interface CatalogProblem {
  /** The matter's code, or null for a problem of the catalog as a whole. */
  readonly code: string | null;
  /** In English (logs, seed checks); `problemZh` says the same in Chinese. */
  readonly problem: string;
  readonly problemZh: string;
  /** The matter's field at fault (as in the API's body, e.g. `timeLimits.handle`); null for the catalog. */
  readonly field: string | null;
}

export type CatalogValidation =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems: readonly CatalogProblem[] };

/** The most working hours a class may give each stage: the limits DOMAIN-NOTES gives, kept honest. */
const MAX_HANDLE_HOURS: Readonly<Record<LimitClass, number>> = {
  urgent: 7.5, // the same working day
  routine: 2 * 7.5,
  help: 3 * 7.5,
  complex: 13 * 7.5,
};
const LIMIT_CLASS_ZH: Readonly<Record<LimitClass, string>> = {
  urgent: '紧急类',
  routine: '一般类',
  help: '求助咨询类',
  complex: '复杂类',
};
const MAX_STAGE_HOURS = 16;
const HOURS_PER_WORKING_DAY = 7.5;
const CODE_PATTERN = /^(ZZ|MS|AQ|CG|QT)-\d{4}$/;
const FIELD_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;
const HAN = /\p{Script=Han}/u;

/**
 * Checks a catalog before it is seeded or after an administrator edits it: unique codes
 * and names, known departments, a valid class, sane time limits for its limit class,
 * duplicate rules in range, initials that fit the name, well-formed form fields.
 * Pure. `departmentCodes` are the county's departments (the database's, once
 * administrators can add some); by default the 24 of the demo county. Each problem
 * names the field at fault and says what is wrong in English and Chinese.
 */
export function validateCatalog(
  catalog: readonly Matter[] = MATTER_CATALOG,
  departmentCodes: readonly string[] = DEPARTMENT_CODES,
): CatalogValidation {
  const problems: CatalogProblem[] = [];
  const report = (code: string | null, field: string | null, problem: string, problemZh: string) =>
    problems.push({ code, problem, problemZh, field });
  const known = new Set(departmentCodes);
  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();

  for (const m of catalog) {
    const at = m.code;
    if (!CODE_PATTERN.test(m.code))
      report(at, 'code', 'code is not PREFIX-NNNN with a known category prefix', '编码应为“类别前缀-四位数字”，如 CG-0101');
    else if (CATEGORY_BY_PREFIX[m.code.slice(0, 2)] !== m.category)
      report(at, 'category', 'code prefix does not match the category', '编码前缀与事项类别不符');
    if (seenCodes.has(m.code)) report(at, 'code', 'duplicate code', '编码重复');
    seenCodes.add(m.code);
    if (seenNames.has(m.name)) report(at, 'name', `duplicate name ${m.name}`, `名称“${m.name}”重复`);
    seenNames.add(m.name);
    if (m.name.trim() === '' || m.nameEn.trim() === '')
      report(at, m.name.trim() === '' ? 'name' : 'nameEn', 'name and nameEn are required', '中文名称和英文名称均为必填');
    if (!MATTER_CATEGORIES.includes(m.category))
      report(at, 'category', `unknown category ${m.category}`, `未知的事项类别 ${m.category}`);
    if (!HANDLING_LEVELS.includes(m.handlingLevel))
      report(at, 'handlingLevel', `unknown handling level ${m.handlingLevel}`, `未知的处置层级 ${m.handlingLevel}`);
    const classes: readonly string[] = m.kind === 'facility' ? FACILITY_CLASSES : EVENT_CLASSES;
    if (!classes.includes(m.gbClass))
      report(
        at,
        'gbClass',
        `${m.gbClass} is not a ${m.kind} class`,
        `${m.gbClass} 不是${m.kind === 'facility' ? '部件' : '事件'}大类`,
      );

    if (m.ownerUnitCodes.length === 0) report(at, 'ownerUnitCodes', 'no owner department', '至少需要一个责任部门');
    if (new Set(m.ownerUnitCodes).size !== m.ownerUnitCodes.length)
      report(at, 'ownerUnitCodes', 'an owner department is listed twice', '责任部门重复');
    for (const owner of m.ownerUnitCodes)
      if (!known.has(owner)) report(at, 'ownerUnitCodes', `unknown department ${owner}`, `没有部门 ${owner}`);

    if (!LIMIT_CLASSES.includes(m.limitClass))
      report(at, 'limitClass', `unknown limit class ${m.limitClass}`, `未知的时限类别 ${m.limitClass}`);
    const { registerHours, dispatchHours, handle, verifyHours } = m.timeLimits;
    for (const [stage, zh, value] of [
      ['register', '立案', registerHours],
      ['dispatch', '派遣', dispatchHours],
      ['verify', '核查', verifyHours],
    ] as const) {
      if (!(value > 0 && value <= MAX_STAGE_HOURS))
        report(
          at,
          `timeLimits.${stage}Hours`,
          `${stage} limit ${value} h is outside (0, ${MAX_STAGE_HOURS}]`,
          `${zh}时限 ${value} 小时应大于 0 且不超过 ${MAX_STAGE_HOURS} 个工作小时`,
        );
    }
    if (m.limitClass === 'urgent' && registerHours + dispatchHours > 2)
      report(
        at,
        'timeLimits.dispatchHours',
        'an urgent matter must be registered and dispatched within 2 working hours',
        '紧急类事项的立案和派遣合计不能超过 2 个工作小时',
      );
    if (handle.unit === 'working_days' && !Number.isInteger(handle.amount))
      report(at, 'timeLimits.handle', 'a limit in working days must be a whole number', '以工作日计的时限须为整数');
    const handleHours = handle.unit === 'working_days' ? handle.amount * HOURS_PER_WORKING_DAY : handle.amount;
    const maxHours = MAX_HANDLE_HOURS[m.limitClass] ?? 0;
    if (!(handleHours > 0 && handleHours <= maxHours))
      report(
        at,
        'timeLimits.handle',
        `handling limit ${handle.amount} ${handle.unit} exceeds what a ${m.limitClass} matter allows`,
        `处置时限 ${handle.amount} ${handle.unit === 'working_days' ? '个工作日' : '个工作小时'}超出${LIMIT_CLASS_ZH[m.limitClass] ?? m.limitClass}事项的上限（${maxHours / HOURS_PER_WORKING_DAY} 个工作日）`,
      );

    if (!(Number.isInteger(m.difficulty) && m.difficulty >= 1 && m.difficulty <= 5))
      report(at, 'difficulty', 'difficulty must be 1–5', '难度应为 1–5');
    if (!(m.duplicateRadiusMeters >= 5 && m.duplicateRadiusMeters <= 1000))
      report(at, 'duplicateRadiusMeters', 'duplicate radius outside 5–1000 m', '并单半径应在 5–1000 米之间');
    if (!(m.duplicateWindowHours >= 1 && m.duplicateWindowHours <= 2160))
      report(at, 'duplicateWindowHours', 'duplicate window outside 1–2160 h', '并单时间窗应在 1–2160 小时之间');

    const hanCount = [...m.name].filter((ch) => HAN.test(ch)).length;
    if (!/^[a-z]+$/.test(m.pinyinInitials) || m.pinyinInitials.length !== hanCount)
      report(
        at,
        'pinyinInitials',
        `pinyin initials "${m.pinyinInitials}" do not have one letter per character of ${m.name}`,
        `拼音首字母“${m.pinyinInitials}”应与名称“${m.name}”的每个汉字一一对应（${hanCount} 个小写字母）`,
      );

    const fieldCodes = new Set<string>();
    m.formFields.forEach((field, index) => {
      const where = `formFields.${index}`;
      if (!FIELD_CODE_PATTERN.test(field.code))
        report(
          at,
          where,
          `form field code ${field.code} is not snake_case`,
          `表单字段编码 ${field.code} 应为小写字母、数字和下划线`,
        );
      if (fieldCodes.has(field.code))
        report(at, where, `form field ${field.code} appears twice`, `表单字段 ${field.code} 重复`);
      fieldCodes.add(field.code);
      const isList = field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist';
      const keys = (field.values ?? []).map((v) => v.key);
      if (isList && keys.length < 2)
        report(at, where, `form field ${field.code} needs at least two values`, `表单字段 ${field.code} 至少需要两个选项`);
      if (!isList && field.values !== undefined)
        report(at, where, `form field ${field.code} is not a list but has values`, `表单字段 ${field.code} 不是选项类型，不能有选项`);
      if (new Set(keys).size !== keys.length)
        report(at, where, `form field ${field.code} repeats a value key`, `表单字段 ${field.code} 的选项值重复`);
    });
  }

  const used = new Set<string>(catalog.flatMap((m) => m.ownerUnitCodes));
  for (const code of departmentCodes)
    if (!used.has(code)) report(null, null, `department ${code} owns no matter`, `部门 ${code} 没有负责的事项`);
  for (const category of MATTER_CATEGORIES)
    if (!catalog.some((m) => m.category === category))
      report(null, null, `category ${category} has no matter`, `类别 ${category} 没有事项`);

  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/**
 * Matters of the seed catalog matching what someone typed (the shared search: characters,
 * pinyin initials "jgqs" → 井盖缺失, keywords, English, code); nothing for an empty query.
 */
export function searchMatters(query: string, catalog: readonly Matter[] = MATTER_CATALOG): Matter[] {
  return query.trim() === '' ? [] : rankMatters(query, catalog);
}

/** A matter by its code. */
export function matterByCode(code: string, catalog: readonly Matter[] = MATTER_CATALOG): Matter | undefined {
  return catalog.find((m) => m.code === code);
}
