import type { FairScoreTable, FlagList } from '@yiwang/contracts';
import sharp from 'sharp';
import type { App } from '../../../platform/http.js';
import { createSeededRandom } from '../../../platform/seeded-random.js';
import { demoGridMap, demoWorkerGrid, type Position, pointInGeometry } from '../../grids/index.js';
import { installFakeClock } from './fake-clock.js';
import { type SimClient, signIn } from './sim-client.js';

/**
 * The simulation that proves the assessment (issue 12 item 8): a seeded month of a town of the
 * demo county, run through the REAL app (intake with its 并单, the case workflow, the assessment
 * API) under a fake clock. True problems arise per grid from its households; honest grid workers
 * report them with a probability by difficulty; residents and 12345 callers (desk) report some of
 * the same; departments handle them. Planted gaming: grids that hide hard matters, workers who pad
 * with bursts of easy reports, a department that sits on cases. The detectors never see the labels:
 * the simulation reads the flags and the fair scores from the API like a leader, and only then
 * compares them with what it planted.
 */

const HARD_MATTERS = ['AQ-0108', 'AQ-0106', 'AQ-0203'] as const; // 火灾隐患, 厂房仓库违规住人, 小作坊安全隐患
const EASY_MATTERS = ['CG-0304'] as const; // 道路不洁 (town level, like the hard ones: the town desk runs them all)
/** Lead department of each matter (the catalog's first owner). */
const LEAD: Record<string, string> = {
  'AQ-0108': 'fire',
  'AQ-0106': 'fire',
  'AQ-0203': 'emergency',
  'CG-0304': 'urban',
};
const SITTING_DEPARTMENT = 'fire';

export interface SimulationOptions {
  seed: number;
  /** The town simulated (its operator registers and dispatches). */
  townCode: string;
  /** How many of its base grids (by code order); all when undefined. */
  gridLimit?: number | undefined;
  /** Mean true hard and easy problems a month of a grid of average households. */
  hardPerGrid: number;
  easyPerGrid: number;
  /** Planted: grids that hide hard matters, workers that pad. */
  hiders: number;
  padders: number;
  /** The month simulated, as its first instant (China time). */
  monthStart: Date;
  password: string;
  log?: (line: string) => void;
}

interface Problem {
  grid: string;
  matter: string;
  hard: boolean;
  point: Position;
  at: number;
  worker: boolean;
  others: 'resident' | 'desk' | null;
  workerFirst: boolean;
}

interface Step {
  at: number;
  order: number;
  run: () => Promise<void>;
}

export interface GamingLine {
  kind: 'hide-hard' | 'pad-easy' | 'sit-on-cases';
  planted: string[];
  flagged: string[];
  plantedCases: number;
  flaggedCases: number;
  ranks: { subject: string; countRank: number; fairRank: number; of: number }[];
}

export interface SimulationResult {
  grids: number;
  problems: number;
  cases: number;
  requests: number;
  lines: GamingLine[];
  honestGrids: number;
  falselyFlaggedGrids: string[];
  falselyFlaggedUnits: string[];
  falseFlagRate: number;
  flags: FlagList['flags'];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Metres between two WGS84 points (equirectangular: a grid is small). */
function metersApart(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  return Math.hypot(x, (b[1] - a[1]) * rad) * 6_371_000;
}

function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

export async function simulateCountyMonth(app: App, o: SimulationOptions): Promise<SimulationResult> {
  const log = o.log ?? (() => {});
  const random = createSeededRandom(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const grids = demoGridMap()
    .grids.filter((g) => g.level === 3 && g.regionCode.startsWith(o.townCode))
    .sort((a, b) => a.code.localeCompare(b.code))
    .slice(0, o.gridLimit);
  const meanHouseholds = grids.reduce((s, g) => s + g.households, 0) / grids.length;
  const workerGrid = demoWorkerGrid()?.code;
  const workerOf = (grid: string) => (grid === workerGrid ? 'gridworker' : `gw-${grid}`);

  // Planted gaming, drawn from the seed (the detectors never see these sets).
  const shuffled = [...grids].sort(() => random() - 0.5).map((g) => g.code);
  const hiders = new Set(shuffled.slice(0, o.hiders));
  const padders = new Set(shuffled.slice(o.hiders, o.hiders + o.padders));

  const pointIn = (grid: (typeof grids)[number]): Position => {
    const [minLon, minLat, maxLon, maxLat] = grid.geometry.coordinates
      .flat(3)
      .reduce<[number, number, number, number]>(
        (b, v, i) =>
          i % 2 === 0
            ? [Math.min(b[0], v), b[1], Math.max(b[2], v), b[3]]
            : [b[0], Math.min(b[1], v), b[2], Math.max(b[3], v)],
        [180, 90, -180, -90],
      );
    for (;;) {
      const p: Position = [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)];
      if (pointInGeometry(p, grid.geometry)) return p;
    }
  };
  const monthMs = o.monthStart.getTime();
  const dayTime = (day: number) => monthMs + day * DAY + (8 + random() * 10) * HOUR;

  // True problems per grid from its households; who reports them.
  const problems: Problem[] = [];
  for (const g of grids) {
    const size = (Math.max(g.households, 1) / meanHouseholds) ** 0.8;
    for (const hard of [true, false]) {
      const n = poisson(random, (hard ? o.hardPerGrid : o.easyPerGrid) * size);
      for (let i = 0; i < n; i++) {
        const pWorker = hard ? (hiders.has(g.code) ? 0 : 0.8) : 0.9;
        const pOthers = hard ? 0.45 : 0.25;
        problems.push({
          grid: g.code,
          matter: pick(hard ? HARD_MATTERS : EASY_MATTERS),
          hard,
          point: pointIn(g),
          at: dayTime(Math.floor(random() * 20)),
          worker: random() < pWorker,
          others: random() < pOthers ? (random() < 0.5 ? 'resident' : 'desk') : null,
          workerFirst: random() < 0.6,
        });
      }
    }
  }

  const clock = installFakeClock(new Date(monthMs));
  const clients = new Map<string, SimClient>();
  const client = async (username: string) => {
    let c = clients.get(username);
    if (!c) {
      c = await signIn(app, username, o.password);
      clients.set(username, c);
    }
    return c;
  };
  let requests = 0;
  const counted = async <T>(p: Promise<T>) => {
    requests += 1;
    return p;
  };
  try {
    const admin = await client('admin');
    const units = (await admin.get<{ items: { id: string; code: string }[] }>('/api/units?limit=500')).items;
    const unitId = (lead: string) => {
      const u = units.find((x) => x.code === `320281-${lead}`);
      if (!u) throw new Error(`unit 320281-${lead} missing`);
      return u.id;
    };
    // A handler in each department handling the simulated matters (the demo has one in 城管局).
    const handlers = new Map<string, string>([['urban', 'handler']]);
    for (const lead of new Set(Object.values(LEAD))) {
      if (handlers.has(lead)) continue;
      const username = `sim-handler-${lead}`;
      await admin.post('/api/users', {
        username,
        displayName: `模拟办件员（${lead}）`,
        password: o.password,
        roles: ['handler'],
        scopeRegionCode: '320281',
        unitId: unitId(lead),
      });
      handlers.set(lead, username);
    }

    const steps: Step[] = [];
    let order = 0;
    const schedule = (at: number, run: () => Promise<void>) => steps.push({ at, order: order++, run });
    let photoSeed = o.seed;
    /** A small JPEG, different bytes each time (handling and on-site verification need photos). */
    const photo = async (c: SimClient) => {
      photoSeed += 1;
      const bytes = await sharp({
        create: {
          width: 8,
          height: 8,
          channels: 3,
          background: { r: photoSeed % 256, g: (photoSeed >> 8) % 256, b: 99 },
        },
      })
        .jpeg()
        .toBuffer();
      return (await counted(c.upload('/api/photos', bytes, 'image/jpeg'))).id;
    };
    const cases: { code: string; grid: string; matter: string; lead: string; padded: boolean; sat: boolean }[] = [];

    /** The case workflow after a report opened a case: register, dispatch, accept, feedback, verification. */
    const handle = (code: string, grid: string, matter: string, at: number, padded: boolean) => {
      const lead = LEAD[matter] as string;
      const handler = handlers.get(lead) as string;
      const cmd = async (username: string, body: object) => {
        const c = await client(username);
        await counted(c.post(`/api/cases/${code}/commands`, body));
      };
      const sits = lead === SITTING_DEPARTMENT && random() < 0.85;
      cases.push({ code, grid, matter, lead, padded, sat: sits });
      const feedbackAt = at + (sits ? (10 + random() * 12) * DAY : (4 + random() * 40) * HOUR);
      schedule(at + HOUR, () => cmd('operator', { type: 'register' }));
      schedule(at + 1.5 * HOUR, () => cmd('operator', { type: 'dispatch', unitId: unitId(lead) }));
      schedule(at + (sits ? 30 : 3) * HOUR, () => cmd(handler, { type: 'accept' }));
      schedule(feedbackAt, async () =>
        cmd(handler, { type: 'submit_feedback', text: '已处置完毕', photoIds: [await photo(await client(handler))] }),
      );
      schedule(feedbackAt + 4 * HOUR, async () =>
        cmd(workerOf(grid), {
          type: 'verify_pass',
          note: '现场核查已整改',
          photoIds: [await photo(await client(workerOf(grid)))],
        }),
      );
    };

    const report = async (username: string, body: object, grid: string, matter: string, padded: boolean) => {
      const c = await client(username);
      const r = await counted(c.post<{ outcome: 'created' | 'merged'; case: { code: string } }>('/api/cases', body));
      if (r.outcome === 'created') handle(r.case.code, grid, matter, clock.now(), padded);
    };
    const point = (p: Position) => ({ lon: p[0], lat: p[1], crs: 'WGS84' as const });

    for (const p of problems) {
      const byWorker = () =>
        report(
          workerOf(p.grid),
          { matterCode: p.matter, description: '巡查发现', point: point(p.point) },
          p.grid,
          p.matter,
          false,
        );
      const byOthers = () =>
        p.others === 'resident'
          ? report(
              'resident',
              { matterCode: p.matter, description: '居民反映', point: point(p.point) },
              p.grid,
              p.matter,
              false,
            )
          : report(
              'operator',
              {
                matterCode: p.matter,
                description: '12345 来电反映',
                point: point(p.point),
                channel: 'desk',
                reporter: { name: '来电市民', phone: '13900000000' },
              },
              p.grid,
              p.matter,
              false,
            );
      const later = p.at + (2 + random() * 18) * HOUR;
      if (p.worker && p.others) {
        schedule(p.workerFirst ? p.at : later, byWorker);
        schedule(p.workerFirst ? later : p.at, byOthers);
      } else if (p.worker) schedule(p.at, byWorker);
      else if (p.others) schedule(p.at, byOthers);
    }

    // Padding: three bursts of seven easy reports on a 120 m circle (over 100 m apart, so intake does not merge them), 12 minutes apart.
    for (const grid of padders) {
      const g = grids.find((x) => x.code === grid);
      if (!g) continue;
      for (let b = 0; b < 3; b++) {
        // Seven points of the grid within 250 m of the first and over 55 m from each other (so intake does not merge them).
        const spots: Position[] = [pointIn(g)];
        for (let tries = 0; spots.length < 7 && tries < 20_000; tries++) {
          const p = pointIn(g);
          const near = (a: Position, b2: Position) => metersApart(a, b2);
          if (near(p, spots[0] as Position) <= 250 && spots.every((q) => near(p, q) > 55)) spots.push(p);
        }
        const start = dayTime(Math.floor(random() * 20));
        spots.forEach((spot, i) => {
          const matter = EASY_MATTERS[0];
          schedule(start + i * 12 * 60_000, () =>
            report(
              workerOf(grid),
              { matterCode: matter, description: '巡查发现', point: point(spot) },
              grid,
              matter,
              true,
            ),
          );
        });
      }
    }

    // Run everything in time order under the fake clock (steps scheduled while running join the queue).
    const monthEnd = monthMs + 31 * DAY;
    let done = 0;
    for (;;) {
      steps.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = steps.shift();
      if (!next) break;
      if (next.at >= monthEnd) continue;
      clock.set(next.at);
      await next.run();
      done += 1;
      if (done % 500 === 0) log(`  … ${done} steps, ${cases.length} cases`);
    }

    // Read the assessment like a leader at the end of the month.
    clock.set(monthEnd - HOUR);
    const leader = await client('leader');
    const firstDay = new Date(monthMs + 8 * HOUR).toISOString().slice(0, 10);
    const { flags } = await leader.get<FlagList>(`/api/assessment/flags?period=month&from=${firstDay}`);
    const fair = await leader.get<FairScoreTable>(
      `/api/assessment/fair-scores?level=grid&period=month&from=${firstDay}`,
    );
    const simulated = new Set(grids.map((g) => g.code));
    const rows = fair.rows.filter((r) => simulated.has(r.key));
    const rankOf = (key: string) => {
      const row = rows.find((r) => r.key === key);
      // Ranks among the simulated grids only.
      const countRank = row ? 1 + rows.filter((r) => r.plainCount > row.plainCount).length : rows.length;
      const fairRank = row ? 1 + rows.filter((r) => r.total > row.total).length : rows.length;
      return { subject: key, countRank, fairRank, of: rows.length };
    };

    const gridFlags = (kinds: string[]) =>
      new Set(flags.filter((f) => kinds.includes(f.kind) && f.gridCode !== null).map((f) => f.gridCode as string));
    const flaggedCodes = (kinds: string[]) =>
      new Set(flags.filter((f) => kinds.includes(f.kind)).flatMap((f) => f.caseCodes));

    const hidingKinds = ['hidden-hard', 'low-share', 'inspection-gap'];
    const hiding = gridFlags(hidingKinds);
    const hidingCodes = flaggedCodes(hidingKinds);
    // The planted hidden cases that exist: hard problems in hiding grids others reported.
    const hardMatter = new Set<string>(HARD_MATTERS);
    const hiddenCases = cases.filter((c) => hiders.has(c.grid) && hardMatter.has(c.matter));
    const padding = gridFlags(['padding-burst']);
    const paddingCodes = flaggedCodes(['padding-burst']);
    const paddedCases = cases.filter((c) => c.padded);
    const sittingUnit = unitId(SITTING_DEPARTMENT);
    const delayFlag = flags.find((f) => f.kind === 'department-delay' && f.subject === sittingUnit);
    const delayCodes = new Set(delayFlag?.caseCodes ?? []);
    // Which of the cases it sat on fell due by the month's end (only those can be judged late).
    const dueInMonth = new Set<string>();
    for (const c of cases.filter((x) => x.sat)) {
      const detail = await leader.get<{ case: { handleDueAt: string | null } }>(`/api/cases/${c.code}`);
      const due = detail.case.handleDueAt ? Date.parse(detail.case.handleDueAt) : null;
      if (due !== null && due <= clock.now()) dueInMonth.add(c.code);
    }
    const satDue = cases.filter((c) => c.sat && dueInMonth.has(c.code));
    const planted = new Set([...hiders, ...padders]);
    const honest = grids.map((g) => g.code).filter((g) => !planted.has(g));
    const anyGridFlag = gridFlags(['hidden-hard', 'low-share', 'inspection-gap', 'padding-burst']);
    const falselyFlaggedGrids = honest.filter((g) => anyGridFlag.has(g));
    const otherDelayFlags = flags.filter((f) => f.kind === 'department-delay' && f.subject !== sittingUnit);

    return {
      grids: grids.length,
      problems: problems.length,
      cases: cases.length,
      requests,
      lines: [
        {
          kind: 'hide-hard',
          planted: [...hiders],
          flagged: [...hiders].filter((g) => hiding.has(g)),
          plantedCases: hiddenCases.length,
          flaggedCases: hiddenCases.filter((c) => hidingCodes.has(c.code)).length,
          ranks: [...hiders].map(rankOf),
        },
        {
          kind: 'pad-easy',
          planted: [...padders],
          flagged: [...padders].filter((g) => padding.has(g)),
          plantedCases: paddedCases.length,
          flaggedCases: paddedCases.filter((c) => paddingCodes.has(c.code)).length,
          ranks: [...padders].map(rankOf),
        },
        {
          kind: 'sit-on-cases',
          planted: [SITTING_DEPARTMENT],
          flagged: delayFlag ? [SITTING_DEPARTMENT] : [],
          // The cases it sat on that fell due in the month.
          plantedCases: satDue.length,
          flaggedCases: satDue.filter((c) => delayCodes.has(c.code)).length,
          ranks: [],
        },
      ],
      honestGrids: honest.length,
      falselyFlaggedUnits: otherDelayFlags.map((f) => f.subjectName),
      falselyFlaggedGrids,
      falseFlagRate: honest.length === 0 ? 0 : falselyFlaggedGrids.length / honest.length,
      flags,
    };
  } finally {
    clock.restore();
  }
}
