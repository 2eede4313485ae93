import type { FundCommunityList, FundLedger, FundTransaction } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { regionsLookups } from '../../regions/index.js';
import { communityFundRepository } from '../community-fund.repository.js';
import { balancesOf } from '../domain/ledger.js';
import { type FundCommunity, fundCommunityInScope, publicFundCommunity } from '../fund-community.js';
import { presentSpending } from '../present-fund.js';

async function ledgerOf(db: Executor, community: FundCommunity): Promise<FundLedger> {
  const [sums, rows, spendings] = [
    await communityFundRepository.accountSums(db, community.code),
    await communityFundRepository.transactionsOf(db, community.code),
    await communityFundRepository.spendingsOf(db, community.code),
  ];
  const steps = await communityFundRepository.stepsOf(
    db,
    spendings.map((s) => s.id),
  );
  const balances = balancesOf(sums);
  let running = 0;
  const transactions: FundTransaction[] = rows.map(({ transaction: t, bankFen }) => {
    const amount = Number(bankFen);
    running += amount;
    return {
      id: t.id,
      kind: t.kind,
      category: t.category,
      description: t.description,
      counterparty: t.counterparty,
      amountFen: Math.abs(amount),
      balanceAfterFen: running,
      occurredOn: t.occurredOn,
      spendingId: t.spendingId,
    };
  });
  return {
    communityCode: community.code,
    communityName: community.name,
    communityNameEn: community.nameEn,
    balanceFen: balances.bankFen,
    incomeFen: balances.incomeFen,
    spendingFen: balances.spendingFen,
    incomeBySource: balances.incomeBySource,
    spendingByPurpose: balances.spendingByPurpose,
    transactions: transactions.reverse(),
    spendings: spendings.map((s) =>
      presentSpending(
        s,
        steps.filter((step) => step.spendingId === s.id),
      ),
    ),
  };
}

/** A community fund's public ledger (no sign-in: the fund is public; only what was paid, received and decided). */
export async function readPublicFundLedger(db: Executor, communityCode: string): Promise<FundLedger> {
  return ledgerOf(db, await publicFundCommunity(db, communityCode));
}

/** The desk's view of a community's ledger in scope. */
export async function readFundLedger(db: Executor, actor: Actor, communityCode: string): Promise<FundLedger> {
  return ledgerOf(db, await fundCommunityInScope(db, communityCode, actor.scopePath));
}

/** Communities that keep a fund (optionally within a scope), with their balances. */
export async function listFundCommunities(db: Executor, scopePath: string | null): Promise<FundCommunityList> {
  const roots = scopePath ?? (await regionsLookups.roots(db))[0]?.path;
  if (!roots) return { items: [] };
  const codes = await communityFundRepository.communitiesWithLedger(db, roots);
  const [names, balances] = [
    await regionsLookups.localizedNamesByCode(db, codes),
    await communityFundRepository.bankBalances(db, codes),
  ];
  return {
    items: codes
      .map((code) => ({
        code,
        name: names.get(code)?.['zh-CN'] ?? code,
        nameEn: names.get(code)?.['en-US'] ?? code,
        balanceFen: balances.get(code) ?? 0,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}
