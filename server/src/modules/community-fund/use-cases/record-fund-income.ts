import type { FundTransaction, RecordFundIncomeBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayRange } from '../../../platform/china-day.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { communityFundRepository } from '../community-fund.repository.js';
import { checkTransaction, incomeLines } from '../domain/ledger.js';
import { fundCommunityInScope } from '../fund-community.js';

/** Records money received by a community's fund (grant, donation, other): bank debited, the source's income credited. */
export async function recordFundIncome(
  db: Db,
  options: {
    actor: Actor;
    context: AuditContext;
    body: RecordFundIncomeBody;
    idempotency?: IdempotencyClaim | undefined;
  },
): Promise<IdempotentOutcome<FundTransaction>> {
  const { actor, context, body, idempotency } = options;
  chinaDayRange(body.receivedOn, 'receivedOn');
  const community = await fundCommunityInScope(db, body.communityCode, actor.scopePath);
  const lines = incomeLines(body.source, body.amountFen);
  const check = checkTransaction(lines);
  if (!check.ok) throw new Error(`income lines do not balance: ${check.reason}`);
  return runIdempotent(db, idempotency, async (tx) => {
    await communityFundRepository.lockFund(tx, community.code);
    const before = (await communityFundRepository.accountSums(tx, community.code)).get('bank') ?? 0;
    const row = await communityFundRepository.insertTransaction(
      tx,
      {
        communityCode: community.code,
        path: community.path,
        kind: 'income',
        category: body.source,
        description: body.note?.trim() || '',
        counterparty: body.counterparty?.trim() || null,
        occurredOn: body.receivedOn,
        createdBy: actor.kind === 'user' ? actor.id : null,
      },
      lines,
    );
    await recordAudit(tx, context, {
      action: 'fund.record-income',
      objectType: 'community-fund',
      objectId: row.id,
      scopePath: community.path,
      details: { communityCode: community.code, source: body.source, amountFen: body.amountFen },
    });
    return {
      kind: 'created',
      value: {
        id: row.id,
        kind: 'income',
        category: row.category,
        description: row.description,
        counterparty: row.counterparty,
        amountFen: body.amountFen,
        balanceAfterFen: before + body.amountFen,
        occurredOn: row.occurredOn,
        spendingId: null,
      },
    };
  });
}
