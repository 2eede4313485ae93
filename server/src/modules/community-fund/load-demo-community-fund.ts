import type { Executor } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { regionsLookups } from '../regions/index.js';
import { communityFundRepository } from './community-fund.repository.js';
import { incomeLines } from './domain/ledger.js';

const DEMO_COMMUNITY = '320281001001'; // 文定社区

/** The county's negative list: what no community fund of the county may pay for. */
const COUNTY_RULES = [
  {
    name: '不得发放个人福利、补贴、红包或购物卡',
    purposes: [],
    keywords: ['福利', '补贴', '红包', '购物卡', '慰问金'],
  },
  { name: '不得用于宴请、礼品和烟酒', purposes: [], keywords: ['宴请', '聚餐', '礼品', '烟酒'] },
  { name: '不得支付工作人员工资、奖金', purposes: [], keywords: ['工资', '奖金', '薪酬', '津贴'] },
  { name: '不得用于投资理财或营利性经营', purposes: [], keywords: ['投资', '理财', '经营'] },
];

/**
 * The county's negative list and the demo community's fund: a government grant and a donation
 * (spendings come from council decisions, which the demo's consultation data may hold).
 */
export async function loadDemoCommunityFund(tx: Executor, { now }: DemoContext): Promise<DemoTally> {
  const [county] = await regionsLookups.roots(tx);
  const community = await regionsLookups.findByCode(tx, DEMO_COMMUNITY);
  if (!county || !community) return {};
  for (const rule of COUNTY_RULES) {
    await communityFundRepository.insertRule(tx, { regionCode: county.code, path: county.path, ...rule });
  }
  const day = (daysAgo: number) => chinaDayOf(new Date(now.getTime() - daysAgo * 86_400_000));
  const income = [
    {
      source: 'grant' as const,
      amountFen: 20_000_000,
      counterparty: '江阴市民政局',
      description: '2026年度社区保障资金',
      daysAgo: 40,
    },
    {
      source: 'donation' as const,
      amountFen: 1_500_000,
      counterparty: '文定物业服务有限公司',
      description: '捐赠用于楼道照明改造',
      daysAgo: 12,
    },
  ];
  for (const item of income) {
    await communityFundRepository.insertTransaction(
      tx,
      {
        communityCode: community.code,
        path: community.path,
        kind: 'income',
        category: item.source,
        description: item.description,
        counterparty: item.counterparty,
        occurredOn: day(item.daysAgo),
      },
      incomeLines(item.source, item.amountFen),
    );
  }
  return { fundRules: COUNTY_RULES.length, fundTransactions: income.length };
}
