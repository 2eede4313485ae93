import type { Locale } from '@yiwang/contracts';
import { assertUnreachable } from '../../platform/errors.js';
import type { ChainBreak } from './audit-chain.js';
import type { CheckpointBreak } from './audit-checkpoint.js';

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

/** China time, to the minute: how a person names a checkpoint. */
const chinaTime = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function translateCheckpointBreak(locale: Locale, broken: CheckpointBreak): string {
  const zh = locale === 'zh-CN';
  const name = zh
    ? `签名检查点 ${broken.checkpointId}（${chinaTime(broken.at)}）`
    : `Signed checkpoint ${broken.checkpointId} (${chinaTime(broken.at)} China time)`;
  switch (broken.reason) {
    case 'bad-signature':
      return zh
        ? `${name}的签名无效：检查点被伪造或篡改。`
        : `${name} has an invalid signature: it was forged or altered.`;
    case 'other-key':
      return zh
        ? `${name}由另一把密钥（${broken.keyId}）签名，无法用当前公钥核验。`
        : `${name} was signed by another key (${broken.keyId}) and cannot be checked with this public key.`;
    case 'row-missing':
      return zh
        ? `${name}签名时审计链 ${broken.lane} 的第 ${broken.seq} 条记录已不存在：记录被删除。`
        : `${name}: entry ${broken.seq} of audit lane ${broken.lane}, which it signed, is gone: rows were deleted.`;
    case 'row-rewritten':
      return zh
        ? `${name}签名时审计链 ${broken.lane} 的第 ${broken.seq} 条记录的哈希已改变：该检查点之前的记录被改写（哈希被重新计算）。`
        : `${name}: entry ${broken.seq} of audit lane ${broken.lane} no longer has the signed hash: rows before the checkpoint were rewritten (hashes recomputed).`;
    default:
      return assertUnreachable(broken);
  }
}
