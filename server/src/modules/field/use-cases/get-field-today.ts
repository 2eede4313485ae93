import type { CaseSummary, FieldToday, FrequentMatter } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { caseScopeOf, casesLookups, presentCaseSummary } from '../../cases/index.js';
import { patrolsLookups, presentPatrol } from '../../patrols/index.js';
import { presentVisitPlan, visitsLookups } from '../../visits/index.js';
import { fieldRepository } from '../field.repository.js';

const DAY_MS = 24 * 3_600_000;
/** How far back "my frequent matters" look. */
const FREQUENT_WINDOW_DAYS = 90;
const MY_FREQUENT = 8;
/** The list the report screen shows first: mine, then what field staff report most, then the catalog's first. */
const FREQUENT_TOTAL = 12;
const TO_VERIFY = 50;
const MY_REPORTS = 20;
const VISITS_DUE = 50;

/**
 * The worker app's start screen in one request: my grids on the map, my open patrol, the
 * cases waiting for my check on site (my grids first), the cases I reported, the visits
 * due in my grids and the matters I report most.
 */
export async function getFieldToday(db: Db, actor: Actor, now: Date): Promise<FieldToday> {
  const myGrids = await fieldRepository.gridsHeldBy(db, actor.id);
  const myGridCodes = myGrids.map((g) => g.code);
  const [patrol, toVerify, myReports, visitsDue, frequentMatters] = await Promise.all([
    patrolsLookups.findOpenOfUser(db, actor.id),
    casesLookups.listInScope(db, { state: ['handled'] }, caseScopeOf(actor), { limit: TO_VERIFY, offset: 0 }),
    casesLookups.listInScope(
      db,
      {},
      { scopePath: actor.scopePath, reporterUserId: actor.id },
      { limit: MY_REPORTS, offset: 0 },
    ),
    visitsLookups.listPlans(db, {
      areaPath: actor.scopePath,
      gridCodes: myGridCodes.length > 0 ? myGridCodes : undefined,
      open: true,
      limit: VISITS_DUE,
    }),
    frequentMattersOf(db, actor.id, now),
  ]);
  const inMyGrids = (c: CaseSummary) => (c.gridCode !== null && myGridCodes.includes(c.gridCode) ? 0 : 1);
  return {
    grids: myGrids.map(({ code, name, nameEn, geometry }) => ({ code, name, nameEn, geometry })),
    patrol: patrol ? presentPatrol(patrol) : null,
    // A stable sort keeps the newest first within each group.
    toVerify: toVerify.items.map(presentCaseSummary).sort((a, b) => inMyGrids(a) - inMyGrids(b)),
    myReports: myReports.items.map(presentCaseSummary),
    visitsDue: visitsDue.map(presentVisitPlan),
    frequentMatters,
  };
}

async function frequentMattersOf(db: Db, userId: string, now: Date): Promise<FrequentMatter[]> {
  const since = new Date(now.getTime() - FREQUENT_WINDOW_DAYS * DAY_MS);
  const mine = await fieldRepository.mattersReportedBy(db, userId, since, MY_FREQUENT);
  const common = await fieldRepository.mattersReportedInField(db, since, FREQUENT_TOTAL);
  const counts = new Map<string, number>(mine.map((m) => [m.code, m.count]));
  const order = [...mine.map((m) => m.code), ...common.map((m) => m.code).filter((c) => !counts.has(c))];
  const names = new Map((await fieldRepository.currentMatterNames(db, order)).map((m) => [m.code, m]));
  // Matters retired from the catalog since are not offered.
  const result: FrequentMatter[] = order
    .filter((code) => names.has(code))
    .slice(0, FREQUENT_TOTAL)
    .map((code) => ({
      ...(names.get(code) as { code: string; name: string; nameEn: string }),
      count: counts.get(code) ?? 0,
    }));
  if (result.length < FREQUENT_TOTAL) {
    for (const m of await fieldRepository.firstMatters(db, FREQUENT_TOTAL * 2)) {
      if (result.length >= FREQUENT_TOTAL) break;
      if (!result.some((r) => r.code === m.code)) result.push({ ...m, count: 0 });
    }
  }
  return result;
}
