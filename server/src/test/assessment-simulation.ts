/**
 * A seeded simulation of gaming the assessment (issue 12 item 8). On a real app (intake,
 * workflow, assessment — not a copy) over the demo map it generates true problems per grid
 * from the grid's households, lets honest grid workers report them with a probability by
 * difficulty and residents report some of the same problems (the intake merges a resident's
 * report of a problem a worker already reported: the duplicate link), dispatches some cases to
 * departments that handle them — and plants gaming: grids that hide hard matters, a worker who
 * pads easy ones, a department that sits on its cases, an inspector who rubber-stamps. Then it
 * reads the flags and the fair scores through the API and counts what was caught.
 *
 * Everything happens "today" (the intake stamps the real time), so the flags are read for the
 * day. The simulation makes its own users and cases in the database it is given: never the
 * default demo county's data (a test or the CLI gives it a fresh database).
 */
import type { DetectionFlags, FairScoreTable } from '@yiwang/contracts';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import type { AreaGeometry, Position } from '../modules/grids/geometry/index.js';
import { interiorPointOf, offsetMeters } from '../modules/grids/index.js';
import { chinaDayOf } from '../platform/china-day.js';
import type { Client } from './app.js';

export interface SimulationOptions {
  seed: number;
  /** How many base grids of the demo map take part. */
  grids: number;
  /** How many of them hide hard matters. */
  hiders: number;
  log?: (line: string) => void;
}

export interface SimulationResult {
  seed: number;
  grids: number;
  cases: number;
  planted: {
    hiddenHard: { grids: number; gridsFlagged: number; cases: number; casesFlagged: number };
    padding: { cases: number; casesFlagged: number };
    departmentDelay: { units: number; unitsFlagged: number; cases: number; casesFlagged: number };
    rubberStamp: { inspectors: number; inspectorsFlagged: number; findings: number };
  };
  /** Honest grids with any flag on the grid or on its worker, of all honest grids. */
  falseFlags: {
    honestGrids: number;
    flagged: number;
    rate: number;
    /** What flagged them (kind: grid). */
    kinds: string[];
    honestUnitsFlagged: number;
    honestInspectorsFlagged: number;
  };
  /** The hiding grids' ranks among the simulated grids: by plain report count vs by fair score (1 = best). */
  ranks: { gridCode: string; countRank: number; fairRank: number }[];
}

/** mulberry32: a small seeded generator, the same numbers for the same seed everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const poisson = (random: () => number, mu: number) => {
  const limit = Math.exp(-mu);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
};

const HARD = [
  { matterCode: 'CG-0707', formAnswers: { structure: 'steel_shed', stage: 'building' } },
  { matterCode: 'ZZ-0306', formAnswers: { address: '3 幢 101', partitioned: 'yes' } },
];
const EASY = [
  { matterCode: 'CG-0103', formAnswers: { hazard: 'risk' } },
  { matterCode: 'CG-0111', formAnswers: { hazard: 'risk' } },
  { matterCode: 'CG-0112', formAnswers: { hazard: 'risk' } },
  { matterCode: 'CG-0202', formAnswers: { hazard: 'risk' } },
  { matterCode: 'CG-0302' },
];
/** Honest grid workers report a hard matter they see with this probability, an easy one with the other. */
const P_WORKER = { hard: 0.85, easy: 0.8 };
const P_RESIDENT = { hard: 0.45, easy: 0.3 };
const PASSWORD = 'yiwang2026sim';

function json<T>(r: LightMyRequestResponse, what: string): T {
  if (r.statusCode >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

let photoSeed = 0;
async function uploadPhoto(client: Client): Promise<string> {
  photoSeed += 1;
  const jpeg = await sharp({
    create: { width: 16, height: 12, channels: 3, background: { r: (photoSeed * 37) % 256, g: 90, b: 150 } },
  })
    .jpeg()
    .toBuffer();
  const r = await client.request({
    method: 'POST',
    url: '/api/photos',
    payload: jpeg,
    headers: { 'content-type': 'image/jpeg' },
  });
  return json<{ id: string }>(r, 'photo').id;
}

interface Problem {
  gridCode: string;
  hard: boolean;
  body: object;
  point: { lon: number; lat: number; crs: 'WGS84' };
  caseCode: string | null;
  byWorker: boolean;
  byResident: boolean;
  dropped?: boolean;
}

export async function simulateAssessment(
  login: (username: string, password?: string) => Promise<Client>,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const log = options.log ?? (() => {});
  const random = rng(options.seed);
  const [admin, leader, operator, resident] = (await Promise.all(
    ['admin', 'leader', 'operator', 'resident'].map((u) => login(u)),
  )) as [Client, Client, Client, Client];

  // The demo map's base grids: the first `grids` take part; an inspector comes from the last community.
  const all = json<{ items: { code: string; regionCode: string }[] }>(
    await admin.get('/api/grids?level=3&limit=500'),
    'grids',
  ).items.sort((a, b) => a.code.localeCompare(b.code));
  const chosen = all.slice(0, options.grids);
  const inspectorCommunity = all.at(-1)?.regionCode ?? '';
  const grids: {
    code: string;
    community: string;
    households: number;
    point: Position;
    worker: Client;
    userId: string;
  }[] = [];
  for (const [i, g] of chosen.entries()) {
    const detail = json<{ grid: { geometry: AreaGeometry; households: number } }>(
      await admin.get(`/api/grids/${g.code}`),
      'grid',
    );
    const username = `sim-worker-${options.seed}-${i}`;
    json(
      await admin.post('/api/users', {
        username,
        displayName: `模拟网格员${i + 1}`,
        password: PASSWORD,
        roles: ['grid_worker'],
        scopeRegionCode: g.regionCode,
      }),
      'worker',
    );
    const worker = await login(username, PASSWORD);
    grids.push({
      code: g.code,
      community: g.regionCode,
      households: detail.grid.households,
      point: interiorPointOf(detail.grid.geometry),
      worker,
      userId: worker.session.user.id,
    });
  }
  // Each worker holds their grid's grid-worker post (the next grid's worker is the named backup),
  // so the fair score counts their reports as the grid team's own.
  for (const [i, g] of grids.entries()) {
    const backup = grids[(i + 1) % grids.length] as (typeof grids)[number];
    json(
      await admin.request({
        method: 'PUT',
        url: `/api/grids/${g.code}/posts/grid_worker`,
        payload: { holderUserId: g.userId, backupUserId: backup.userId },
      }),
      'post',
    );
  }
  const order = [...grids].sort(() => random() - 0.5);
  const hiders = new Set(order.slice(0, options.hiders).map((g) => g.code));
  const padderGrid = order[options.hiders] as (typeof grids)[number];
  log(`grids ${grids.length}; hiding hard matters: ${[...hiders].join(', ')}; padder in ${padderGrid.code}`);

  // True problems per grid from its households, each at its own spot 105 m apart: never merged
  // with another problem (a second report of the same problem at its spot is merged), and not
  // "one place" for the burst detector — the simulation runs a day's reports in seconds.
  const problems: Problem[] = [];
  for (const g of grids) {
    // About a month's worth of what a grid worker sees (a grid of 220 households: ~8.7 hard, ~10.4 easy).
    const hard = poisson(random, 5 + g.households / 60);
    // A grid hiding hard matters goes looking for easy ones instead (seed 000): twice as many.
    const easy = poisson(random, (6 + g.households / 50) * (hiders.has(g.code) ? 2 : 1));
    for (let n = 0; n < hard + easy; n++) {
      const isHard = n < hard;
      const [lon, lat] = offsetMeters(g.point, ((n % 5) - 2) * 105, (Math.floor(n / 5) - 2) * 105);
      const pool = isHard ? HARD : EASY;
      problems.push({
        gridCode: g.code,
        hard: isHard,
        body: {
          description: isHard ? '现场发现难办问题' : '现场发现',
          ...(pool[Math.floor(random() * pool.length)] ?? pool[0]),
        },
        point: { lon, lat, crs: 'WGS84' },
        caseCode: null,
        byWorker: false,
        byResident: false,
      });
    }
  }

  const report = async (client: Client, p: Problem) => {
    const response = await client.post('/api/cases', { ...p.body, point: p.point });
    // A spot that fell outside the grid worker's community or the county's map: the problem is dropped.
    if (response.statusCode === 422 || response.json()?.error?.code === 'outside-county') return false;
    p.caseCode ??= json<{ case: { code: string } }>(response, 'report').case.code;
    return true;
  };
  // Grid workers first (the hiders report no hard matter), then residents and 12345.
  for (const p of problems) {
    const g = grids.find((x) => x.code === p.gridCode) as (typeof grids)[number];
    const pWorker = p.hard ? (hiders.has(g.code) ? 0 : P_WORKER.hard) : hiders.has(g.code) ? 0.95 : P_WORKER.easy;
    if (random() < pWorker) {
      if (await report(g.worker, p)) p.byWorker = true;
      else p.dropped = true;
    }
  }
  for (const p of problems) {
    if (p.dropped) continue;
    if (random() < (p.hard ? P_RESIDENT.hard : P_RESIDENT.easy)) {
      if (await report(resident, p)) p.byResident = true;
      else p.dropped = true;
    }
  }
  const dropped = problems.filter((p) => p.dropped && p.caseCode === null).length;
  if (dropped > 0) log(`dropped ${dropped} problems whose spot fell outside the grid's community`);
  // The padder: five easy reports within a minute at one spot that is no problem at all.
  // Between the problems' spots (≥ 74 m from each): never merged into a true problem's case.
  const padSpot = offsetMeters(padderGrid.point, 52.5, 52.5);
  const padded: string[] = [];
  for (const [i, easy] of EASY.entries()) {
    const r = json<{ case: { code: string } }>(
      await padderGrid.worker.post('/api/cases', {
        description: '凑数',
        ...easy,
        point: { lon: padSpot[0], lat: padSpot[1] + i * 0.00005, crs: 'WGS84' },
      }),
      'padding',
    );
    padded.push(r.case.code);
  }
  log(
    `problems ${problems.length}: workers reported ${problems.filter((p) => p.byWorker).length}, residents ${problems.filter((p) => p.byResident).length}; padded ${padded.length}`,
  );

  // Departments: five with a handler each; the first sits on what it gets.
  const units = json<{ items: { id: string; code: string; name: string }[] }>(
    await admin.get('/api/units?limit=500'),
    'units',
  )
    .items.filter((u) => /^\d{6}-[a-z]+$/.test(u.code) && !u.code.endsWith('-CC'))
    .slice(0, 5);
  const handlers: Client[] = [];
  for (const [i, u] of units.entries()) {
    const username = `sim-handler-${options.seed}-${i}`;
    json(
      await admin.post('/api/users', {
        username,
        displayName: `模拟办件员${i + 1}`,
        password: PASSWORD,
        roles: ['handler'],
        scopeRegionCode: '320281',
        unitId: u.id,
      }),
      'handler',
    );
    handlers.push(await login(username, PASSWORD));
  }
  const sitter = units[0];
  // Hard matters are handled at town level: the demo town's command center (operator) dispatches them.
  const toDispatch = [
    ...new Set(
      problems
        .filter((p) => p.caseCode && p.hard && p.gridCode.startsWith('320281001'))
        .map((p) => p.caseCode as string),
    ),
  ].slice(0, units.length * 3);
  const satOn: string[] = [];
  for (const [i, code] of toDispatch.entries()) {
    const k = i % units.length;
    const unit = units[k] as (typeof units)[number];
    const handler = handlers[k] as Client;
    const cmd = async (client: Client, body: object) =>
      json(await client.post(`/api/cases/${code}/commands`, body), `${code} ${JSON.stringify(body).slice(0, 40)}`);
    await cmd(operator, { type: 'register' });
    await cmd(operator, { type: 'dispatch', unitId: unit.id });
    await cmd(handler, { type: 'accept' });
    if (unit === sitter) {
      satOn.push(code);
      continue;
    }
    await cmd(handler, { type: 'submit_feedback', text: '已处理', photoIds: [await uploadPhoto(handler)] });
  }
  log(`dispatched ${toDispatch.length} cases to ${units.length} departments; ${sitter?.name} sits on ${satOn.length}`);

  // Inspectors from a community far off: two honest, the third rubber-stamps.
  const inspectors: Client[] = [];
  for (let i = 0; i < 3; i++) {
    const username = `sim-inspector-${options.seed}-${i}`;
    json(
      await admin.post('/api/users', {
        username,
        displayName: `模拟检查员${i + 1}`,
        password: PASSWORD,
        roles: ['supervisor'],
        scopeRegionCode: inspectorCommunity,
      }),
      'inspector',
    );
    const client = await login(username, PASSWORD);
    json(await leader.post('/api/assessment/inspectors', { userId: client.session.user.id }), 'enroll');
    inspectors.push(client);
  }
  const stamp = inspectors[2] as Client;
  const simGrids = new Set(grids.map((g) => g.code));
  let findings = 0;
  let stampFindings = 0;
  for (let round = 0; round < 6 && stampFindings < 4; round++) {
    const draw = json<{
      id: string;
      pairs: { id: string; targetKind: string; targetCode: string; inspectorId: string }[];
    }>(
      await leader.post('/api/assessment/draws', {
        period: `sim-${options.seed}-${round}`,
        // A published value as the seed: the same run draws the same pairs.
        publicValue: `sim-${options.seed}-${round}`,
        shares: { grid: 1, unit: 0, case: 0 },
      }),
      'draw',
    );
    for (const pair of draw.pairs) {
      if (pair.targetKind !== 'grid' || !simGrids.has(pair.targetCode)) continue;
      const inspector = inspectors.find((c) => c.session.user.id === pair.inspectorId);
      if (!inspector) continue;
      const here = problems.filter((p) => p.gridCode === pair.targetCode && !p.dropped);
      const reported = here.filter((p) => p.byWorker).length;
      const found = inspector === stamp ? reported : here.length;
      json(
        await inspector.post(`/api/assessment/draws/${draw.id}/pairs/${pair.id}/findings`, {
          foundCount: found,
          reportedCount: reported,
          note: inspector === stamp ? '与上报一致' : '现场核实',
        }),
        'finding',
      );
      findings += 1;
      if (inspector === stamp) stampFindings += 1;
    }
  }
  log(`findings ${findings} (rubber stamp: ${stampFindings})`);

  // What the assessment sees.
  const day = chinaDayOf(new Date());
  const flags = json<DetectionFlags>(await leader.get(`/api/assessment/flags?period=day&from=${day}`), 'flags').flags;
  const fair = json<FairScoreTable>(
    await leader.get(`/api/assessment/fair-scores?level=grid&period=day&from=${day}`),
    'fair',
  );

  const gridFlagged = (code: string) =>
    flags.some((f) => (f.kind === 'hidden-hard' || f.kind === 'low-share') && f.key === code);
  const flaggedCodes = (kinds: string[]) =>
    new Set(flags.filter((f) => kinds.includes(f.kind)).flatMap((f) => f.cases.map((c) => c.code)));
  const hiddenVisible = problems.filter((p) => hiders.has(p.gridCode) && p.hard && p.caseCode !== null);
  const hiddenFlagged = flaggedCodes(['hidden-hard', 'low-share']);
  const paddingFlagged = flaggedCodes(['padding-burst']);
  const delayFlagged = flaggedCodes(['department-delay']);
  const honest = grids.filter((g) => !hiders.has(g.code));
  const honestFlagged = honest.filter(
    (g) =>
      gridFlagged(g.code) ||
      flags.some(
        (f) => f.level === 'worker' && f.key === g.userId && !(f.kind === 'padding-burst' && g === padderGrid),
      ),
  );
  const rankOf = (values: number[]) => values.map((v) => 1 + values.filter((x) => x > v).length);
  const rows = grids.map((g) => fair.rows.find((r) => r.key === g.code));
  const countRanks = rankOf(rows.map((r) => r?.plainCount ?? 0));
  const fairRanks = rankOf(rows.map((r) => r?.total ?? 0));
  const unitIds = new Set(units.map((u) => u.id));

  return {
    seed: options.seed,
    grids: grids.length,
    cases: new Set(problems.flatMap((p) => (p.caseCode ? [p.caseCode] : []))).size + padded.length,
    planted: {
      hiddenHard: {
        grids: hiders.size,
        gridsFlagged: [...hiders].filter(gridFlagged).length,
        cases: hiddenVisible.length,
        casesFlagged: hiddenVisible.filter((p) => hiddenFlagged.has(p.caseCode as string)).length,
      },
      padding: { cases: padded.length, casesFlagged: padded.filter((c) => paddingFlagged.has(c)).length },
      departmentDelay: {
        units: 1,
        unitsFlagged: flags.some((f) => f.kind === 'department-delay' && f.key === sitter?.id) ? 1 : 0,
        cases: satOn.length,
        casesFlagged: satOn.filter((c) => delayFlagged.has(c)).length,
      },
      rubberStamp: {
        inspectors: 1,
        inspectorsFlagged: flags.some((f) => f.kind === 'rubber-stamp' && f.key === stamp.session.user.id) ? 1 : 0,
        findings: stampFindings,
      },
    },
    falseFlags: {
      honestGrids: honest.length,
      flagged: honestFlagged.length,
      rate: honest.length === 0 ? 0 : honestFlagged.length / honest.length,
      kinds: flags
        .filter((f) =>
          honest.some((g) => (f.level === 'grid' && f.key === g.code) || (f.level === 'worker' && f.key === g.userId)),
        )
        .filter((f) => !(f.kind === 'padding-burst' && f.key === padderGrid.userId))
        .map((f) => `${f.kind}: ${f.gridCode ?? f.key} (${f.explanation['en-US'].slice(0, 160)})`),
      honestUnitsFlagged: flags.filter(
        (f) => f.kind === 'department-delay' && unitIds.has(f.key) && f.key !== sitter?.id,
      ).length,
      honestInspectorsFlagged: flags.filter((f) => f.kind === 'rubber-stamp' && f.key !== stamp.session.user.id).length,
    },
    ranks: grids
      .map((g, i) => ({ gridCode: g.code, countRank: countRanks[i] ?? 0, fairRank: fairRanks[i] ?? 0 }))
      .filter((r) => hiders.has(r.gridCode)),
  };
}
