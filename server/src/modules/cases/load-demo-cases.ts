import type { Role } from '@yiwang/contracts';
import type { Db, Executor } from '../../db/client.js';
import type { Actor, DemoContext, DemoTally } from '../../platform/http.js';
import { accountsLookups } from '../accounts/index.js';
import type { AuditContext } from '../audit/index.js';
import { catalogLookups } from '../catalog/index.js';
import { type DemoGrid, demoGridMap, demoWorkerGrid, GridLocator, interiorPointOf } from '../grids/index.js';
import { regionsLookups } from '../regions/index.js';
import { staffingLookups } from '../staffing/index.js';
import { unitsLookups } from '../units/index.js';
import type { CaseDeps } from './case-deps.js';
import { caseDispatchRepository } from './case-dispatch.repository.js';
import { DEFAULT_CASE_SETTINGS } from './cases.settings.js';
import { processDueTimers } from './use-cases/process-due-timers.js';
import { type ReportCaseInput, reportCase } from './use-cases/report-case.js';
import { runCaseCommand } from './use-cases/run-case-command.js';

const COUNTY = '320281';
const DEMO_TOWN = '320281001'; // 澄江街道
const DEMO_COMMUNITY = '320281001001'; // 文定社区
const DEMO_COMMUNITY_PATH = '320281/320281001/320281001001';

async function demoActor(db: Executor, username: string): Promise<Actor> {
  const user = await accountsLookups.findUserByUsername(db, username);
  if (!user) throw new Error(`demo user ${username} missing`);
  const region = await regionsLookups.findByCode(db, user.scopeRegionCode);
  return {
    kind: 'user',
    id: user.id,
    label: user.username,
    roles: user.roles as Role[],
    scopeRegionCode: user.scopeRegionCode,
    scopePath: region?.path ?? COUNTY,
    unitId: user.unitId,
    locale: 'zh-CN',
    sessionId: null,
    csrfToken: null,
    totpEnrollmentRequired: false,
  };
}

/**
 * The demo's 六定 dispatch rules, in order: the gridworker's grid sends overflowing bins
 * to its grid-worker post (A/B); community-level matters in 文定社区 go to its
 * workstation; every town- and city-level matter to its lead department.
 */
async function seedRoutingRules(tx: Executor, workerGrid: DemoGrid | undefined): Promise<number> {
  const unitId = async (code: string) => {
    const unit = await unitsLookups.findByCode(tx, code);
    if (!unit) throw new Error(`demo unit ${code} missing`);
    return unit.id;
  };
  const workstation = await unitId(`${DEMO_COMMUNITY}-WS`);
  const departments = new Map<string, string>();
  const matters = await catalogLookups.currentAll(tx);
  for (const m of matters) {
    const lead = m.ownerUnitCodes[0] as string;
    if (!departments.has(lead)) departments.set(lead, await unitId(`${COUNTY}-${lead}`));
  }
  const rows: Parameters<typeof caseDispatchRepository.insertRoutingRules>[1] = [];
  const add = (rule: Omit<(typeof rows)[number], 'code' | 'position'>) =>
    rows.push({ ...rule, code: `R${String(rows.length + 1).padStart(4, '0')}`, position: (rows.length + 1) * 10 });
  if (workerGrid) {
    const [post] = await staffingLookups.postsInScope(tx, COUNTY, {
      gridCodes: [workerGrid.code],
      role: 'grid_worker',
    });
    add({ matterCode: 'CG-0302', gridCode: workerGrid.code, unitId: workstation, postId: post?.post.id ?? null });
  }
  for (const m of matters.filter((m) => m.handlingLevel === 'community')) {
    add({ matterCode: m.code, regionPathPrefix: DEMO_COMMUNITY_PATH, unitId: workstation });
  }
  for (const m of matters.filter((m) => m.handlingLevel !== 'community')) {
    add({ matterCode: m.code, unitId: departments.get(m.ownerUnitCodes[0] as string) as string });
  }
  await caseDispatchRepository.insertRoutingRules(tx, rows);
  return rows.length;
}

/**
 * The demo's case loop: the matter catalog is seeded by the caller; this adds the dispatch
 * rules and a few cases under way in 澄江街道 (one waiting in intake, one registered, one
 * with the urban-management bureau that ran past its limit, one closed and rated), reported
 * days ago through the same intake and commands as the API, and their timers run up to now.
 */
export async function loadDemoCaseLoop(tx: Db, { now }: DemoContext): Promise<DemoTally> {
  const baseGrids = demoGridMap().grids.filter((g) => g.level === 3);
  const workerGridCode = demoWorkerGrid()?.code ?? '';
  const community = baseGrids.filter((g) => g.regionCode === DEMO_COMMUNITY);
  const workerGrid = community.find((g) => g.code === workerGridCode);
  const routingRules = await seedRoutingRules(tx, workerGrid);
  // 文定社区's second grid, and two grids of a neighbouring community of 澄江街道.
  const gridA = community.find((g) => g.code !== workerGridCode);
  const town = baseGrids.filter((g) => g.regionCode.startsWith(DEMO_TOWN) && g.regionCode !== DEMO_COMMUNITY);
  const [gridB, gridC] = [town[0], town[1] ?? town[0]];
  if (!gridA || !gridB || !gridC) return { routingRules, cases: 0 };

  const deps: CaseDeps = {
    db: tx,
    locator: new GridLocator(tx),
    secretKey: Buffer.alloc(32),
    settings: DEFAULT_CASE_SETTINGS,
    // The demo load is audited once, as a whole, by its caller.
    audit: async () => {},
  };
  const context: AuditContext = { actor: null, requestId: 'demo-load' };
  const operator = await demoActor(tx, 'operator');
  const workstation = await demoActor(tx, 'workstation');
  const gridworker = await demoActor(tx, 'gridworker');
  const resident = await demoActor(tx, 'resident');
  const handler = await demoActor(tx, 'handler');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const report = async (
    actor: Actor,
    input: Partial<ReportCaseInput> & Pick<ReportCaseInput, 'matterCode' | 'description' | 'channel'>,
    at: Date,
    grid: DemoGrid,
  ) => {
    const [lon, lat] = interiorPointOf(grid.geometry);
    const result = await reportCase(
      deps,
      context,
      {
        point: { lon, lat, crs: 'WGS84' },
        reporter: { userId: actor.id, name: null, phone: null, anonymous: false },
        fallbackRegionCode: actor.scopeRegionCode,
        photoScopePath: actor.scopePath,
        // The demo's story places its reports itself, across the town.
        reporterScopePath: COUNTY,
        ...input,
      },
      { now: at, showSuggestions: false },
    );
    return result.value.case.code;
  };
  const run = (actor: Actor, code: string, at: Date, command: Parameters<typeof runCaseCommand>[3]['command']) =>
    runCaseCommand(deps, actor, context, { code, command, now: at });

  // 1. A resident's overflowing bin, waiting in the workstation's intake queue.
  await report(
    resident,
    { channel: 'resident', matterCode: 'CG-0302', description: '小区东门垃圾桶已满，垃圾散落一地' },
    hoursAgo(1),
    gridA,
  );

  // 2. A street lamp out, found on patrol, registered by the town command center.
  const lamp = await report(
    gridworker,
    {
      channel: 'worker',
      matterCode: 'CG-0104',
      description: '人民东路路灯连续三盏不亮',
      formAnswers: { hazard: 'none', lamp_count: 3 },
    },
    hoursAgo(30),
    gridB,
  );
  await run(operator, lamp, hoursAgo(29), { type: 'register' });

  // 3. A damaged road with the urban-management bureau for a week: past its limit, supervised.
  const road = await report(
    operator,
    {
      channel: 'desk',
      matterCode: 'CG-0201',
      description: '来电反映：文定路与虹桥路口路面塌陷出现坑洼，雨天积水',
      formAnswers: { hazard: 'risk' },
      reporter: { userId: null, name: '张先生', phone: null, anonymous: false },
      enteredByUserId: operator.id,
    },
    hoursAgo(24 * 7 + 2),
    gridC,
  );
  await run(operator, road, hoursAgo(24 * 7 + 1.5), { type: 'register' });
  await run(operator, road, hoursAgo(24 * 7 + 1), { type: 'dispatch', unitId: handler.unitId as string });
  await run(handler, road, hoursAgo(24 * 7), { type: 'accept' });

  // 4. A dispute between neighbours, mediated by the workstation, checked and rated.
  const dispute = await report(
    gridworker,
    {
      channel: 'worker',
      matterCode: 'ZZ-0101',
      description: '3幢两户因楼道堆物发生争吵',
      formAnswers: { parties: 2, intensity: 'calm' },
    },
    hoursAgo(80),
    gridA,
  );
  await run(workstation, dispute, hoursAgo(79), { type: 'register' });
  await run(workstation, dispute, hoursAgo(78.5), { type: 'dispatch', unitId: workstation.unitId as string });
  await run(workstation, dispute, hoursAgo(78), { type: 'accept' });
  await run(workstation, dispute, hoursAgo(76), { type: 'submit_feedback', text: '已上门调解，双方同意清理楼道堆物' });
  await run(gridworker, dispute, hoursAgo(52), { type: 'verify_pass', note: '楼道已清理' });
  await run(workstation, dispute, hoursAgo(50), { type: 'rate', rating: 'satisfied', comment: '回访双方满意' });

  // The timers of these days, as the worker would have run them.
  await processDueTimers(tx, now, 100, deps.settings);
  return { routingRules, cases: 4 };
}
