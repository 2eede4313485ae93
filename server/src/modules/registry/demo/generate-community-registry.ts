import type { DwellingUse, HouseholdRelation, OrganizationKind, PersonTag, ResidenceKind } from '@yiwang/contracts';
import { createSeededRandom } from '../../../platform/seeded-random.js';
import { type AreaGeometry, bboxOf, type Position, pointInGeometry } from '../../grids/index.js';
import { standardAddressCode } from '../domain/address-code.js';
import { makeIdNumber } from '../domain/id-number.js';
import { nameInitials } from '../domain/name-initials.js';

/**
 * A synthetic registry of one community, deterministic for a seed: residential buildings in
 * its base grids, flats with households of realistic size and age, Chinese names, valid
 * GB 11643 fake ID numbers (the check character right), phones, some rentals, planted group
 * rentals, a few special-population and care-group tags, shops and facilities. Pure: the demo
 * loader and the bench generator write what it returns.
 */

export interface CommunityInput {
  code: string;
  name: string;
  /** The town (街道/镇) it belongs to: names a village apart from a same-named one in another town. */
  townName: string;
  path: string;
  /** Its base grids, with their scope paths and areas. */
  grids: readonly { code: string; path: string; geometry: AreaGeometry; people: number }[];
}

export interface GenerateOptions {
  seed: number;
  /** Residential buildings in the community (each 6 floors × 2 units × 2 flats = 24 flats). */
  buildings: number;
  /** How many group rentals to plant (each a different shape the rule must catch). */
  groupRentals: number;
  /** The day the ages are counted on (YYYY-MM-DD). */
  today: string;
  /**
   * ID numbers already given (by other communities of the same run, or in the database): a county
   * of 1.2 M people has one region prefix, so communities generated alone would share numbers that
   * the unique blind index refuses. Filled with this community's numbers as they are made.
   */
  takenIdNumbers?: Set<string>;
  /**
   * Address aliases already given (unique county-wide): two villages of one county may share a
   * name (Jiangyin has two 街西村), so the plain alias is qualified by the town when taken.
   * Filled with this community's aliases as they are made.
   */
  takenAliases?: Set<string>;
}

export interface GeneratedRegistry {
  addresses: {
    id: string;
    code: string;
    regionCode: string;
    path: string;
    road: string;
    number: string;
    building: string | null;
    unit: string | null;
    room: string | null;
    text: string;
    lon: number | null;
    lat: number | null;
  }[];
  aliases: { addressId: string; alias: string; kind: 'nonstandard' | 'virtual' | 'point' }[];
  buildings: {
    id: string;
    addressId: string;
    name: string;
    lon: number;
    lat: number;
    floors: number;
    use: 'residential' | 'commercial';
    gridCode: string;
    path: string;
  }[];
  dwellings: {
    id: string;
    buildingId: string;
    addressId: string;
    use: DwellingUse;
    areaM2: number;
    rooms: number;
    path: string;
  }[];
  households: { id: string; kind: 'registered' | 'actual'; dwellingId: string; path: string }[];
  people: {
    id: string;
    householdId: string;
    relation: HouseholdRelation;
    name: string;
    nameInitials: string;
    idNumber: string;
    sex: 'male' | 'female';
    birthDate: string;
    phone: string | null;
    residence: ResidenceKind;
    movedInOn: string | null;
    path: string;
  }[];
  tags: { personId: string; tag: PersonTag; path: string }[];
  organizations: {
    id: string;
    kind: OrganizationKind;
    name: string;
    nameInitials: string;
    addressId: string;
    licenceNumber: string | null;
    contactName: string;
    contactPhone: string;
    gridCode: string;
    path: string;
  }[];
  facilities: {
    classCode: string;
    name: string;
    lon: number;
    lat: number;
    state: 'intact' | 'damaged' | 'missing';
    ownerUnit: string;
    gridCode: string;
    path: string;
  }[];
  /** Ids of the dwellings planted as group rentals (what the rule must flag, exactly). */
  plantedGroupRentals: string[];
}

// Surnames by frequency (the 2020 census's most common, roughly weighted), and given-name characters.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const MALE = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣博文国建志峰振东海兴';
const FEMALE = '芳娜敏静丽艳娟霞秀玲桂英华慧巧美淑惠珠翠雅芝玉萍红月彩春菊兰凤洁梅琳素云莲真环雪荣爱妹香';
/** Regions of first registration for floating people (Jiangsu's neighbours and the big senders). */
const ELSEWHERE = ['340221', '341225', '320923', '321322', '410526', '511323', '430524', '362330', '522426', '130427'];
const ROADS = ['文定路', '虹桥南路', '五星路', '人民东路', '朝阳路'];
const FACILITY_CLASSES = [
  { code: '0101', name: '上水井盖', owner: '江阴市水务集团' },
  { code: '0102', name: '污水井盖', owner: '江阴市水务集团' },
  { code: '0110', name: '消防栓', owner: '江阴市消防救援大队' },
  { code: '0201', name: '路灯', owner: '江阴市城市管理局' },
  { code: '0301', name: '垃圾箱', owner: '江阴市城市管理局' },
  { code: '0401', name: '监控电子眼', owner: '江阴市公安局' },
];
const SHOPS = ['便利店', '水果店', '理发店', '面馆', '药房', '五金店', '快递驿站', '早餐店', '洗衣店', '烟酒店'];

type Random = () => number;

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const pick = <T>(random: Random, items: readonly T[] | string): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function pointIn(random: Random, geometry: AreaGeometry): Position {
  const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
  for (let i = 0; i < 1000; i++) {
    const p: Position = [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)];
    if (pointInGeometry(p, geometry)) return p;
  }
  throw new Error('no point found inside a grid');
}

const day = (y: number, m: number, d: number) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
const iso = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

/** People a generated flat holds on average (occupancy × household size), to size a community by its grids. */
export const PEOPLE_PER_BUILDING = 24 * 0.94 * 2.9;

export function generateCommunityRegistry(community: CommunityInput, options: GenerateOptions): GeneratedRegistry {
  const random = createSeededRandom(options.seed);
  const year = Number(options.today.slice(0, 4));
  const out: GeneratedRegistry = {
    addresses: [],
    aliases: [],
    buildings: [],
    dwellings: [],
    households: [],
    people: [],
    tags: [],
    organizations: [],
    facilities: [],
    plantedGroupRentals: [],
  };
  const usedIds = options.takenIdNumbers ?? new Set<string>();
  const usedPhones = new Set<string>();
  const usedAliases = options.takenAliases ?? new Set<string>();
  const shortName = community.name.replace(/(居委会|村委会)$/, '');

  const idNumber = (region: string, birth: string, male: boolean) => {
    for (;;) {
      const sequence = int(random, 0, 499) * 2 + (male ? 1 : 0);
      const id = makeIdNumber(region, birth, sequence);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const phone = () => {
    for (;;) {
      const p = `1${pick(random, '3456789')}${String(int(random, 0, 999_999_999)).padStart(9, '0')}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  /** The alias as people write it (the village's name first), with the town or at last the code if taken. */
  const freeAlias = (place: string) => {
    const candidates = [
      `${shortName}${place}`,
      `${community.townName}${shortName}${place}`,
      `${community.townName}${shortName}(${community.code})${place}`,
    ];
    const alias = candidates.find((a) => !usedAliases.has(a));
    if (!alias) throw new Error(`address alias ${candidates[0]} taken in community ${community.code}`);
    usedAliases.add(alias);
    return alias;
  };
  const address = (
    parts: { road: number; number: number; building?: number; unit?: number; room?: number },
    point: Position | null,
  ) => {
    const road = ROADS[parts.road % ROADS.length] ?? '文定路';
    const text = [
      shortName,
      road,
      `${parts.number}号`,
      parts.building ? `${parts.building}幢` : '',
      parts.unit ? `${parts.unit}单元` : '',
      parts.room ? `${parts.room}室` : '',
    ].join('');
    const row = {
      id: uuidFrom(random),
      code: standardAddressCode({
        regionCode: community.code,
        roadCode: parts.road + 1,
        number: parts.number,
        building: parts.building ?? 0,
        unit: parts.unit ?? 0,
        room: parts.room ?? 0,
      }),
      regionCode: community.code,
      path: community.path,
      road,
      number: String(parts.number),
      building: parts.building ? String(parts.building) : null,
      unit: parts.unit ? String(parts.unit) : null,
      room: parts.room ? String(parts.room) : null,
      text,
      lon: point?.[0] ?? null,
      lat: point?.[1] ?? null,
    };
    out.addresses.push(row);
    return row;
  };

  /** One person, born `age` years ago; registered here, floating (from elsewhere) or away. */
  const person = (
    householdId: string,
    path: string,
    relation: HouseholdRelation,
    age: number,
    options: { male?: boolean; surname?: string; residence?: ResidenceKind } = {},
  ) => {
    const male = options.male ?? random() < 0.5;
    const surname = options.surname ?? pick<string>(random, SURNAMES);
    const given = Array.from({ length: random() < 0.6 ? 2 : 1 }, () => pick<string>(random, male ? MALE : FEMALE)).join(
      '',
    );
    const name = `${surname}${given}`;
    const residence = options.residence ?? (random() < 0.85 ? 'registered' : random() < 0.7 ? 'floating' : 'away');
    const birth = day(year - age, int(random, 1, 12), int(random, 1, 28));
    const region = residence === 'floating' ? pick<string>(random, ELSEWHERE) : '320281';
    const row = {
      id: uuidFrom(random),
      householdId,
      relation,
      name,
      nameInitials: nameInitials(name),
      idNumber: idNumber(region, birth, male),
      sex: male ? ('male' as const) : ('female' as const),
      birthDate: iso(birth),
      phone: age >= 16 && random() < 0.8 ? phone() : null,
      residence,
      movedInOn: residence === 'floating' ? `${year - int(random, 0, 5)}-0${int(random, 1, 9)}-15` : null,
      path,
    };
    out.people.push(row);
    return row;
  };

  /** A family living in a flat: a head, maybe a spouse, children, maybe a parent of the head. */
  const family = (householdId: string, path: string, options: { size?: number; residence?: ResidenceKind } = {}) => {
    const size = options.size ?? pick(random, [1, 2, 2, 3, 3, 3, 4, 4, 5]);
    const headAge = size === 1 ? int(random, 22, 88) : int(random, 28, 68);
    const male = random() < 0.7;
    const head = person(householdId, path, 'head', headAge, {
      male,
      residence: options.residence ?? (random() < 0.85 ? 'registered' : 'floating'),
    });
    const members = [head];
    const surname = head.name.slice(0, 1);
    let left = size - 1;
    if (left > 0) {
      members.push(
        person(householdId, path, 'spouse', Math.max(20, headAge + int(random, -4, 3)), {
          male: !male,
          residence: head.residence,
        }),
      );
      left--;
    }
    while (left > 1 || (left === 1 && random() < 0.8)) {
      members.push(
        person(householdId, path, 'child', Math.max(0, headAge - int(random, 24, 32)), {
          surname,
          residence: head.residence,
        }),
      );
      left--;
    }
    if (left === 1)
      members.push(
        person(householdId, path, 'parent', Math.min(95, headAge + int(random, 24, 30)), {
          surname,
          residence: head.residence,
        }),
      );
    return members;
  };

  const grids = community.grids;
  if (grids.length === 0) return out;
  const householdOf = (dwellingId: string, path: string, kind: 'registered' | 'actual') => {
    const row = { id: uuidFrom(random), kind, dwellingId, path };
    out.households.push(row);
    return row;
  };

  // Residential buildings, spread over the base grids; 6 floors, 2 units, 2 flats per landing.
  let buildingNo = 0;
  for (let b = 0; b < options.buildings; b++) {
    const grid = grids[b % grids.length] as (typeof grids)[number];
    const point = pointIn(random, grid.geometry);
    buildingNo++;
    const road = b % ROADS.length;
    const number = 10 + Math.floor(b / ROADS.length) * 2;
    const buildingAddress = address({ road, number, building: buildingNo }, point);
    const building = {
      id: uuidFrom(random),
      addressId: buildingAddress.id,
      name: `${ROADS[road]}${number}号${buildingNo}幢`,
      lon: point[0],
      lat: point[1],
      floors: 6,
      use: 'residential' as const,
      gridCode: grid.code,
      path: grid.path,
    };
    out.buildings.push(building);
    if (b === 0)
      out.aliases.push({
        addressId: buildingAddress.id,
        alias: freeAlias(building.name.replace('幢', '号楼')),
        kind: 'nonstandard',
      });
    for (let unit = 1; unit <= 2; unit++) {
      for (let floor = 1; floor <= 6; floor++) {
        for (let flat = 1; flat <= 2; flat++) {
          const room = floor * 100 + flat;
          const dwellingAddress = address({ road, number, building: buildingNo, unit, room }, point);
          const r = random();
          const use: DwellingUse = r < 0.06 ? 'vacant' : r < 0.2 ? 'rented' : 'owner_occupied';
          const dwelling = {
            id: uuidFrom(random),
            buildingId: building.id,
            addressId: dwellingAddress.id,
            use,
            areaM2: int(random, 60, 140),
            rooms: int(random, 2, 4),
            path: grid.path,
          };
          out.dwellings.push(dwelling);
          if (use === 'vacant') continue;
          const household = householdOf(dwelling.id, grid.path, use === 'rented' ? 'actual' : 'registered');
          family(household.id, grid.path, use === 'rented' ? { residence: 'floating' } : {});
        }
      }
    }
  }

  // Planted group rentals: small rented flats shared by strangers or by two families (Nanjing's
  // rule: ≥ 4 unrelated adults, or ≥ 2 families, under 10 m² per person). Normal flats keep one
  // household of at most 5 in ≥ 60 m² (≥ 12 m² each), so only these are caught.
  const shapes = [
    { areaM2: 45, rooms: 2, strangers: 6, families: 0 },
    { areaM2: 50, rooms: 2, strangers: 0, families: 2 },
    { areaM2: 38, rooms: 3, strangers: 5, families: 0 },
  ];
  const rentals = out.dwellings.filter((d) => d.use === 'rented');
  for (let i = 0; i < options.groupRentals; i++) {
    const shape = shapes[i % shapes.length] as (typeof shapes)[number];
    const dwelling = rentals[Math.floor(((i + 0.5) * rentals.length) / options.groupRentals)];
    if (!dwelling) break;
    // The flat's usual tenants move out of the record: it is rebuilt as the group rental.
    const old = new Set(out.households.filter((h) => h.dwellingId === dwelling.id).map((h) => h.id));
    out.households = out.households.filter((h) => !old.has(h.id));
    out.people = out.people.filter((p) => !old.has(p.householdId));
    dwelling.areaM2 = shape.areaM2;
    dwelling.rooms = shape.rooms;
    for (let s = 0; s < shape.strangers; s++) {
      const h = householdOf(dwelling.id, dwelling.path, 'actual');
      person(h.id, dwelling.path, 'head', int(random, 19, 45), { residence: 'floating' });
    }
    for (let f = 0; f < shape.families; f++) {
      const h = householdOf(dwelling.id, dwelling.path, 'actual');
      family(h.id, dwelling.path, { size: 3, residence: 'floating' });
    }
    out.plantedGroupRentals.push(dwelling.id);
  }

  // Tags: elderly people living alone, and a few of each other tag, on people who fit.
  const sizeOf = new Map<string, number>();
  for (const p of out.people) sizeOf.set(p.householdId, (sizeOf.get(p.householdId) ?? 0) + 1);
  const ageOf = (p: { birthDate: string }) => year - Number(p.birthDate.slice(0, 4));
  const tag = (p: (typeof out.people)[number], t: PersonTag) => out.tags.push({ personId: p.id, tag: t, path: p.path });
  const adults = out.people.filter((p) => ageOf(p) >= 20 && ageOf(p) < 60);
  for (const p of out.people) if (sizeOf.get(p.householdId) === 1 && ageOf(p) >= 70) tag(p, 'elderly_alone');
  const few: [PersonTag, readonly (typeof out.people)[number][], number][] = [
    ['disabled', out.people, 4],
    ['subsistence_allowance', adults, 3],
    ['left_behind_child', out.people.filter((p) => ageOf(p) < 14), 2],
    ['community_correction', adults, 1],
    ['released_prisoner', adults, 1],
    ['severe_mental_illness', adults, 1],
    ['drug_rehabilitation', adults, 1],
  ];
  for (const [t, pool, n] of few) {
    for (let i = 0; i < n && pool.length > 0; i++)
      tag(pool[Math.floor(((i + 0.37) * pool.length) / n)] as (typeof out.people)[number], t);
  }

  // Shops along the street and a party organization, in one commercial building.
  const grid = grids[0] as (typeof grids)[number];
  const point = pointIn(random, grid.geometry);
  const shopsAddress = address({ road: 0, number: 2 }, point);
  out.buildings.push({
    id: uuidFrom(random),
    addressId: shopsAddress.id,
    name: `${ROADS[0]}2号商业楼`,
    lon: point[0],
    lat: point[1],
    floors: 2,
    use: 'commercial',
    gridCode: grid.code,
    path: grid.path,
  });
  SHOPS.forEach((shop, i) => {
    const a = address({ road: 0, number: 2, room: 101 + i }, point);
    const name = `${shortName}${pick<string>(random, SURNAMES)}记${shop}`;
    out.organizations.push({
      id: uuidFrom(random),
      kind: i < 8 ? 'shop' : 'enterprise',
      name,
      nameInitials: nameInitials(name),
      addressId: a.id,
      licenceNumber: `92320281MA${String(int(random, 1_000_000, 9_999_999))}X`,
      contactName: `${pick<string>(random, SURNAMES)}${pick<string>(random, MALE)}`,
      contactPhone: phone(),
      gridCode: grid.code,
      path: grid.path,
    });
  });
  const partyName = `中共${shortName}委员会`;
  out.organizations.push({
    id: uuidFrom(random),
    kind: 'party_organization',
    name: partyName,
    nameInitials: nameInitials(partyName),
    addressId: shopsAddress.id,
    licenceNumber: null,
    contactName: `${pick<string>(random, SURNAMES)}${pick<string>(random, FEMALE)}`,
    contactPhone: phone(),
    gridCode: grid.code,
    path: grid.path,
  });

  // Facilities: a handful of each class in every base grid; a few damaged or missing.
  for (const g of grids) {
    for (const cls of FACILITY_CLASSES) {
      for (let i = 0; i < 2; i++) {
        const [lon, lat] = pointIn(random, g.geometry);
        const r = random();
        out.facilities.push({
          classCode: cls.code,
          name: cls.name,
          lon,
          lat,
          state: r < 0.06 ? 'damaged' : r < 0.08 ? 'missing' : 'intact',
          ownerUnit: cls.owner,
          gridCode: g.code,
          path: g.path,
        });
      }
    }
  }
  return out;
}
