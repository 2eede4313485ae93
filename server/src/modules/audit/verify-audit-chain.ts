import type { AuditVerifyResult, Locale } from '@yiwang/contracts';
import type { Executor } from '../../db/client.js';
import { translateChainBreak } from './audit.messages.js';
import { auditRepository } from './audit.repository.js';
import { type ChainPosition, findChainBreaks, GENESIS_HASH } from './audit-chain.js';

const PAGE = 5000;
/** Enough to show the extent of tampering without building an unbounded answer. */
const MAX_REPORTED = 100;

/** Walks the whole chain in pages and names every broken row, the first one first. */
export async function verifyAuditChain(db: Executor, locale: Locale = 'zh-CN'): Promise<AuditVerifyResult> {
  let position: ChainPosition = { lastId: 0, lastHash: GENESIS_HASH };
  let checked = 0;
  const broken: AuditVerifyResult['broken'] = [];
  for (;;) {
    const rows = await auditRepository.pageAfter(db, position.lastId, PAGE);
    if (rows.length === 0) break;
    const result = findChainBreaks(rows, position);
    for (const b of result.breaks) {
      if (broken.length >= MAX_REPORTED) break;
      const id = b.reason === 'missing-row' ? b.missingId : b.id;
      broken.push({ id: String(id), reason: b.reason, message: translateChainBreak(locale, b) });
    }
    checked += rows.length;
    position = result.end;
  }
  return { ok: broken.length === 0, checked, firstBroken: broken[0] ?? null, broken };
}
