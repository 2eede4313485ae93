import type { Executor } from '../../db/client.js';
import type { DemoTally } from '../../platform/http.js';
import type { DepartmentCode } from '../catalog/index.js';
import { jiangyinRegionTree } from '../regions/index.js';
import { type NewUnit, unitsRepository } from './units.repository.js';

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

/**
 * The demo county's units: the county's command center and its departments, a command
 * center per town and a grid workstation per community.
 */
export async function loadDemoUnits(tx: Executor): Promise<DemoTally> {
  const { county, towns, communities } = jiangyinRegionTree;
  const rows: NewUnit[] = [
    {
      code: `${county.code}-CC`,
      name: '江阴市网格化社会治理指挥中心',
      kind: 'command_center',
      regionCode: county.code,
    },
    ...DEMO_DEPARTMENTS.map(([code, name]) => ({
      code: `${county.code}-${code}`,
      name,
      kind: 'department' as const,
      regionCode: county.code,
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
  const units = await unitsRepository.insertMany(tx, rows);
  return { units: units.length };
}
