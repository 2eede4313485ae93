import type { Locale } from '@yiwang/contracts';
import { assertUnreachable } from '../../platform/errors.js';
import type { ChainBreak } from './audit-chain.js';

export function translateChainBreak(locale: Locale, broken: ChainBreak): string {
  const zh = locale === 'zh-CN';
  switch (broken.reason) {
    case 'hash-mismatch':
      return zh
        ? `审计记录 ${broken.id} 的内容与其哈希不符：该行已被篡改。`
        : `Audit row ${broken.id} does not match its hash: the row was altered.`;
    case 'prev-hash-mismatch':
      return zh
        ? `审计记录 ${broken.id} 与前一行的哈希链接不符：前一行被替换或篡改。`
        : `Audit row ${broken.id} does not chain to the row before it: that row was replaced or altered.`;
    case 'missing-row':
      return zh
        ? `审计链 ${broken.lane} 的第 ${broken.missingSeq} 条记录缺失（在审计记录 ${broken.id} 之前）：该行已被删除。`
        : `Entry ${broken.missingSeq} of audit lane ${broken.lane} is missing (before audit row ${broken.id}): it was deleted.`;
    default:
      return assertUnreachable(broken);
  }
}
