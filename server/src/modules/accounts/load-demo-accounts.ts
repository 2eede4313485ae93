import type { Role } from '@yiwang/contracts';
import type { Executor } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { unitsLookups } from '../units/index.js';
import { accountsRepository, type NewUser } from './accounts.repository.js';

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

const COUNTY = '320281';
const DEMO_TOWN = '320281001'; // 澄江街道
const DEMO_COMMUNITY = '320281001001'; // 文定社区

/** One account per kind of user, each in its unit (the demo units are loaded before). */
const DEMO_ACCOUNTS: (DemoLogin & { displayName: string; scope: string; unit: string | null })[] = [
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

/** Who may sign in to the demo county, as printed at start. */
export const demoLogins = (): DemoLogin[] =>
  DEMO_ACCOUNTS.map(({ username, password, roles, description }) => ({ username, password, roles, description }));

/** The demo's accounts, one per kind of user, and the demo Open311 client's API key. */
export async function loadDemoAccounts(tx: Executor, { passwordHash }: DemoContext): Promise<DemoTally> {
  for (const a of DEMO_ACCOUNTS) {
    const unit = a.unit ? await unitsLookups.findByCode(tx, a.unit) : undefined;
    await accountsRepository.insertUser(tx, {
      username: a.username,
      displayName: a.displayName,
      passwordHash,
      roles: a.roles,
      scopeRegionCode: a.scope,
      unitId: unit?.id ?? null,
    });
  }
  await accountsRepository.insertApiKey(tx, {
    name: 'demo Open311 client',
    prefix: DEMO_OPEN311_API_KEY.slice(0, 10),
    secretHash: sha256Hex(DEMO_OPEN311_API_KEY),
    roles: ['resident'],
    scopeRegionCode: COUNTY,
  });
  return { accounts: DEMO_ACCOUNTS.length };
}

/** Other modules' demo people (staffing's grid teams), written by the accounts module that owns them. */
export function addDemoAccounts(tx: Executor, users: NewUser[]): Promise<{ id: string; username: string }[]> {
  return accountsRepository.insertUsers(tx, users);
}
