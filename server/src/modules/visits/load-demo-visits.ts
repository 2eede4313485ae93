import type { Executor } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { accountsLookups } from '../accounts/index.js';
import { demoWorkerGrid, gridsLookups } from '../grids/index.js';
import { patrolsLookups } from '../patrols/index.js';
import { visitsRepository } from './visits.repository.js';

/**
 * The demo grid worker's household visit halfway through their afternoon patrol (patrols'
 * demo walked it), and a visit plan due today in their grid. Audited with the demo load as a whole.
 */
export async function loadDemoVisits(tx: Executor, { now }: DemoContext): Promise<DemoTally> {
  const worker = await accountsLookups.findUserByUsername(tx, 'gridworker');
  const workerGrid = demoWorkerGrid();
  const [grid] = workerGrid ? await gridsLookups.findCurrentByCodes(tx, [workerGrid.code]) : [];
  if (!worker || !grid) return {};
  const patrol = await patrolsLookups.latestOfUser(tx, worker.id);
  const fixes = patrol ? await patrolsLookups.fixesOf(tx, patrol.id) : [];
  const at = fixes[Math.floor(fixes.length / 2)];
  if (patrol && at) {
    await visitsRepository.insertVisit(tx, {
      userId: worker.id,
      address: '文定花园4幢301室',
      note: '走访独居老人：身体状况良好，已提醒冬季用电和燃气安全。',
      lon: at.lon,
      lat: at.lat,
      gridCode: grid.code,
      path: grid.path,
      visitedAt: at.at,
      patrolId: patrol.id,
    });
  }
  await visitsRepository.insertPlan(tx, {
    address: '文定花园6幢102室',
    dueOn: chinaDayOf(now),
    note: '新迁入户：登记家庭成员，了解需求。',
    gridCode: grid.code,
    path: grid.path,
  });
  return {};
}
