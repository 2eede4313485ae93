import type { Role } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { randomToken, sha256Hex } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { liveApiKeys } from '../live-api-keys.js';
import { assertGrantableScope } from './manage-users.js';

/** The secret is returned once; only its sha256 is stored (it has 256 bits of entropy, so no slow hash is needed). */
export async function createApiKey(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { name: string; roles: Role[]; scopeRegionCode: string },
) {
  await assertGrantableScope(db, actor, input.scopeRegionCode);
  const secret = `yw_${randomToken()}`;
  const key = await db.transaction(async (tx) => {
    const row = await accountsRepository.insertApiKey(tx, {
      name: input.name,
      prefix: secret.slice(0, 10),
      secretHash: sha256Hex(secret),
      roles: input.roles,
      scopeRegionCode: input.scopeRegionCode,
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'api-key.create',
      objectType: 'api-key',
      objectId: row.id,
      details: { name: input.name, roles: input.roles, scopeRegionCode: input.scopeRegionCode },
    });
    return row;
  });
  return { key, secret };
}

export async function revokeApiKey(db: Db, actor: Actor, context: AuditContext, id: string) {
  const key = await accountsRepository.findApiKeyInScope(db, id, actor.scopePath);
  if (!key) throw new DomainError('not-found');
  await db.transaction(async (tx) => {
    await accountsRepository.revokeApiKey(tx, id, new Date());
    await recordAudit(tx, context, { action: 'api-key.revoke', objectType: 'api-key', objectId: id });
  });
  // The next request with the key, in this process, is refused (others hear the NOTIFY).
  liveApiKeys.clear(db);
}
