import type { Role } from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import { hashPassword } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { casesModule } from '../cases/cases.module.js';
import { catalogModule } from '../catalog/catalog.module.js';
import type { DepartmentCode } from '../catalog/index.js';
import { buildDemoGridMap } from '../grids/demo-grid-map.js';
import { gridsModule } from '../grids/grids.module.js';
import { patrolsModule } from '../patrols/patrols.module.js';
import { regionsLookups } from '../regions/index.js';
import { jiangyinRegionTree } from '../regions/load-region-tree.js';
import { regionsModule } from '../regions/regions.module.js';
import { staffingModule } from '../staffing/staffing.module.js';
import type { NewUnit } from '../units/units.repository.js';
import { unitsRepository } from '../units/units.repository.js';

/** The county's departments (Jiangyin's catalog draws on 24). */
export const DEMO_DEPARTMENTS = [
  ['police', '市公安局', 'Public Security Bureau'],
  ['urban', '市城市管理局', 'Urban Management Bureau'],
  ['housing', '市住房和城乡建设局', 'Housing and Urban-Rural Development Bureau'],
  ['environment', '无锡市江阴生态环境局', 'Ecology and Environment Bureau'],
  ['market', '市市场监督管理局', 'Market Regulation Bureau'],
  ['emergency', '市应急管理局', 'Emergency Management Bureau'],
  ['transport', '市交通运输局', 'Transport Bureau'],
  ['water', '市水利农机局', 'Water Resources Bureau'],
  ['planning', '市自然资源和规划局', 'Natural Resources and Planning Bureau'],
  ['health', '市卫生健康委员会', 'Health Commission'],
  ['civil', '市民政局', 'Civil Affairs Bureau'],
  ['hrss', '市人力资源和社会保障局', 'Human Resources and Social Security Bureau'],
  ['education', '市教育局', 'Education Bureau'],
  ['agriculture', '市农业农村局', 'Agriculture and Rural Affairs Bureau'],
  ['fire', '市消防救援大队', 'Fire and Rescue Brigade'],
  ['power', '国网江阴市供电公司', 'State Grid Jiangyin Power Supply'],
  ['watersupply', '江阴市自来水公司', 'Jiangyin Water Supply Company'],
  ['gas', '江阴市天然气公司', 'Jiangyin Natural Gas Company'],
  ['culture', '市文体广电和旅游局', 'Culture, Sports, Radio, TV and Tourism Bureau'],
  ['commerce', '市商务局', 'Commerce Bureau'],
  ['justice', '市司法局', 'Justice Bureau'],
  ['petition', '市信访局', 'Letters and Visits Bureau'],
  ['veterans', '市退役军人事务局', 'Veterans Affairs Bureau'],
  ['medinsurance', '市医疗保障局', 'Healthcare Security Bureau'],
] as const satisfies readonly (readonly [DepartmentCode, string, string])[];
// Every department the catalog names exists in the demo county: a code missing here fails to compile.
type MissingDepartment = Exclude<DepartmentCode, (typeof DEMO_DEPARTMENTS)[number][0]>;
const allDepartmentsCreated: [MissingDepartment] extends [never] ? true : MissingDepartment = true;
void allDepartmentsCreated;

/** Shared by every demo account; printed at start. A demo install is for trials only. */
export const DEMO_PASSWORD = 'yiwang2026';
/** The demo Open311 client's api_key (documented in README); stored hashed like every key. */
export const DEMO_OPEN311_API_KEY = 'yw_demo_open311_key';

export interface DemoLogin {
  username: string;
  password: string;
  roles: Role[];
  description: string;
}

const COUNTY = jiangyinRegionTree.county.code;
const DEMO_TOWN = '320281001'; // 澄江街道
const DEMO_COMMUNITY = '320281001001'; // 文定社区

/**
 * Loads the demo county into an empty database, calling each module's declared demo loader
 * (`Module.demo`) in the order the data depends on: the real region tree of 江阴市, its
 * command centers, workstations and departments, one account per kind of user, the
 * three-level grid map, a staffed grid team on every base grid, the matter catalog, the
 * dispatch rules, a few cases under way and the grid worker's two patrols of the day. The
 * county's units and accounts are made here: they are this county's, and tie the others together.
 * Returns the logins, or null when the database already holds data.
 */
export async function loadDemoCountyIfEmpty(db: Db): Promise<DemoLogin[] | null> {
  if ((await regionsLookups.count(db)) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { towns, communities } = jiangyinRegionTree;
  const gridMap = buildDemoGridMap();
  const now = new Date();

  return db.transaction(async (tx) => {
    await regionsModule.demo(tx, jiangyinRegionTree);
    const unitRows: NewUnit[] = [
      { code: `${COUNTY}-CC`, name: '江阴市网格化社会治理指挥中心', kind: 'command_center', regionCode: COUNTY },
      ...DEMO_DEPARTMENTS.map(([code, name]) => ({
        code: `${COUNTY}-${code}`,
        name,
        kind: 'department' as const,
        regionCode: COUNTY,
      })),
      ...towns.map((t) => ({
        code: `${t.code}-CC`,
        name: `${t.name}网格化服务管理中心`,
        kind: 'command_center' as const,
        regionCode: t.code,
      })),
      ...communities.map((c) => ({
        code: `${c.code}-WS`,
        name: `${c.name.replace(/(居民委员会|居委会|村民委员会|村委会)$/, '')}网格工作站`,
        kind: 'workstation' as const,
        regionCode: c.code,
      })),
    ];
    const units = await unitsRepository.insertMany(tx, unitRows);
    const unitId = (code: string) => units.find((u) => u.code === code)?.id ?? null;

    const accounts: (DemoLogin & { displayName: string; scope: string; unit: string | null })[] = [
      {
        username: 'admin',
        displayName: '系统管理员',
        roles: ['admin'],
        scope: COUNTY,
        unit: null,
        description: 'administrator (whole county)',
      },
      {
        username: 'leader',
        displayName: '市领导',
        roles: ['leader'],
        scope: COUNTY,
        unit: `${COUNTY}-CC`,
        description: 'leader (whole county)',
      },
      {
        username: 'city-operator',
        displayName: '市指挥中心值班员',
        roles: ['operator'],
        scope: COUNTY,
        unit: `${COUNTY}-CC`,
        description: 'county command-center operator',
      },
      {
        username: 'operator',
        displayName: '澄江街道指挥中心值班员',
        roles: ['operator'],
        scope: DEMO_TOWN,
        unit: `${DEMO_TOWN}-CC`,
        description: 'town command-center operator (澄江街道)',
      },
      {
        username: 'handler',
        displayName: '城管局办件员',
        roles: ['handler'],
        scope: COUNTY,
        unit: `${COUNTY}-urban`,
        description: 'department handler (城市管理局)',
      },
      {
        username: 'workstation',
        displayName: '文定社区工作站',
        roles: ['workstation_staff'],
        scope: DEMO_COMMUNITY,
        unit: `${DEMO_COMMUNITY}-WS`,
        description: 'community workstation staff (文定社区)',
      },
      {
        username: 'gridworker',
        displayName: '网格员王芳',
        roles: ['grid_worker'],
        scope: DEMO_COMMUNITY,
        unit: `${DEMO_COMMUNITY}-WS`,
        description: 'grid worker (文定社区)',
      },
      {
        username: 'resident',
        displayName: '居民李明',
        roles: ['resident'],
        scope: DEMO_COMMUNITY,
        unit: null,
        description: 'resident (文定社区)',
      },
    ].map((a) => ({ ...a, roles: a.roles as Role[], password: DEMO_PASSWORD }));

    for (const a of accounts) {
      await accountsRepository.insertUser(tx, {
        username: a.username,
        displayName: a.displayName,
        passwordHash,
        roles: a.roles,
        scopeRegionCode: a.scope,
        unitId: a.unit ? unitId(a.unit) : null,
      });
    }
    await accountsRepository.insertApiKey(tx, {
      name: 'demo Open311 client',
      prefix: DEMO_OPEN311_API_KEY.slice(0, 10),
      secretHash: sha256Hex(DEMO_OPEN311_API_KEY),
      roles: ['resident'],
      scopeRegionCode: COUNTY,
    });
    const gridCount = await gridsModule.demo(tx, now, gridMap);
    const firstGrid = gridMap.grids.find((g) => g.level === 3 && g.regionCode === DEMO_COMMUNITY);
    const staffing = await staffingModule.demo(
      tx,
      gridMap.grids.filter((g) => g.level === 3),
      { passwordHash, existingWorker: { username: 'gridworker', gridCode: firstGrid?.code ?? '' } },
    );
    const matters = await catalogModule.demo(tx, now);
    const caseLoop = await casesModule.demo(
      tx,
      now,
      gridMap.grids.filter((g) => g.level === 3),
      firstGrid?.code ?? '',
    );
    const patrols = await patrolsModule.demo(tx, now, firstGrid);
    await recordAudit(
      tx,
      { actor: null, requestId: null },
      {
        action: 'demo.load',
        objectType: 'county',
        objectId: COUNTY,
        details: {
          towns: towns.length,
          communities: communities.length,
          units: units.length,
          accounts: accounts.length + staffing.accounts,
          grids: gridCount,
          posts: staffing.posts,
          matters,
          routingRules: caseLoop.routingRules,
          cases: caseLoop.cases,
          patrols: patrols.patrols,
        },
      },
    );
    return accounts.map(({ username, password, roles, description }) => ({ username, password, roles, description }));
  });
}
