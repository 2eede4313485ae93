import type { AuditVerifyResult, Locale } from '@yiwang/contracts';
import type { Executor } from '../../db/client.js';
import { translateChainBreak } from './audit.messages.js';
import { auditRepository } from './audit.repository.js';
import { type ChainBreak, type ChainPosition, findChainBreaks, GENESIS_HASH } from './audit-chain.js';

const PAGE = 5000;
/** Enough to show the extent of tampering without building an unbounded answer. */
const MAX_REPORTED = 100;

/** Walks every lane of the log in pages and names every broken row, the earliest first. */
export async function verifyAuditChain(db: Executor, locale: Locale = 'zh-CN'): Promise<AuditVerifyResult> {
  let checked = 0;
  const breaks: ChainBreak[] = [];
  for (const lane of await auditRepository.lanes(db)) {
    let position: ChainPosition = { lastSeq: 0, lastHash: GENESIS_HASH };
    for (;;) {
      const rows = await auditRepository.pageAfter(db, lane, position.lastSeq, PAGE);
      if (rows.length === 0) break;
      const result = findChainBreaks(rows, position);
      breaks.push(...result.breaks);
      checked += rows.length;
      position = result.end;
    }
  }
  // Lanes are walked one after another; the answer lists breaks in log order.
  breaks.sort((a, b) => a.id - b.id);
  const broken = breaks
    .slice(0, MAX_REPORTED)
    .map((b) => ({ id: String(b.id), reason: b.reason, message: translateChainBreak(locale, b) }));
  return { ok: broken.length === 0, checked, firstBroken: broken[0] ?? null, broken };
}
