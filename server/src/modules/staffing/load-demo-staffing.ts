import type { Executor } from '../../db/client.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { createSeededRandom } from '../../platform/seeded-random.js';
import { accountsLookups, addDemoAccounts, type NewUser } from '../accounts/index.js';
import { type DemoGrid, demoGridMap, demoWorkerGrid } from '../grids/index.js';
import { type NewGridPost, staffingRepository } from './staffing.repository.js';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志新春梅海燕文斌晓东林辉云鹏飞宇浩然欣怡佳琪子涵梓轩雨泽一诺';

/** Deterministic Chinese names for demo staff (the same seed gives the same people). */
export function demoNames(seed: number) {
  const random = createSeededRandom(seed);
  const pick = (chars: string) => chars.charAt(Math.floor(random() * chars.length));
  return () => pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
}

/**
 * Staffs every base grid of the demo: a grid worker per grid (backed up by the worker of
 * the next grid in the same community — neighbours cover each other, as A/B posts do in
 * practice), the community's secretary as grid head (backed up by the deputy) and the
 * community police officer as deputy head (backed up by the town police station's duty
 * officer). The first grid of 文定社区 is held by the demo account `gridworker`.
 */
export async function loadDemoStaffing(tx: Executor, { passwordHash }: DemoContext): Promise<DemoTally> {
  const baseGrids = demoGridMap().grids.filter((g) => g.level === 3);
  const options = { passwordHash, existingWorker: { username: 'gridworker', gridCode: demoWorkerGrid()?.code ?? '' } };
  const name = demoNames(20260101);
  const existing = await accountsLookups.findUserByUsername(tx, options.existingWorker.username);
  const newUsers: NewUser[] = [];
  const add = (username: string, displayName: string, roles: string[], scopeRegionCode: string) => {
    newUsers.push({ username, displayName, passwordHash: options.passwordHash, roles, scopeRegionCode });
    return username;
  };

  const byCommunity = new Map<string, DemoGrid[]>();
  for (const g of baseGrids) byCommunity.set(g.regionCode, [...(byCommunity.get(g.regionCode) ?? []), g]);
  const towns = new Set(baseGrids.map((g) => g.regionCode.slice(0, 9)));
  for (const town of towns) add(`police-${town}`, `${name()}（派出所值班）`, ['deputy_grid_head'], town);

  const plan: { gridCode: string; role: NewGridPost['role']; holder: string; backup: string }[] = [];
  for (const [community, grids] of byCommunity) {
    const head = add(`head-${community}`, `${name()}（书记）`, ['grid_head'], community);
    const deputy = add(`deputy-${community}`, `${name()}（副书记）`, ['grid_head'], community);
    const police = add(`police-${community}`, `${name()}（社区民警）`, ['deputy_grid_head'], community);
    const workers = grids.map((g) =>
      g.code === options.existingWorker.gridCode && existing
        ? existing.username
        : add(`gw-${g.code}`, name(), ['grid_worker'], community),
    );
    grids.forEach((g, i) => {
      const backupWorker = workers.length > 1 ? workers[(i + 1) % workers.length] : deputy;
      plan.push({
        gridCode: g.code,
        role: 'grid_worker',
        holder: workers[i] as string,
        backup: backupWorker as string,
      });
      plan.push({ gridCode: g.code, role: 'grid_head', holder: head, backup: deputy });
      plan.push({
        gridCode: g.code,
        role: 'deputy_grid_head',
        holder: police,
        backup: `police-${community.slice(0, 9)}`,
      });
    });
  }

  const ids = new Map<string, string>();
  if (existing) ids.set(existing.username, existing.id);
  for (const u of await addDemoAccounts(tx, newUsers)) ids.set(u.username, u.id);
  const idOf = (username: string) => {
    const id = ids.get(username);
    if (!id) throw new Error(`demo staff ${username} missing`);
    return id;
  };
  await staffingRepository.insertPosts(
    tx,
    plan.map((p) => ({
      gridCode: p.gridCode,
      role: p.role,
      holderUserId: idOf(p.holder),
      backupUserId: idOf(p.backup),
    })),
  );
  return { accounts: newUsers.length, posts: plan.length };
}
