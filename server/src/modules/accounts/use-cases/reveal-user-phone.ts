import type { Db } from '../../../db/client.js';
import { decryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit, statedPurpose } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';

/**
 * A resident account's full phone number (the one they sign in with; kept sealed and shown
 * masked), for a stated purpose — e.g. checking who asks for a password reset: written to
 * the audit log with the purpose before it is returned. 404 for a user outside the
 * caller's scope or without a phone.
 */
export async function revealUserPhone(
  db: Db,
  secretKey: Buffer,
  actor: Actor,
  context: AuditContext,
  input: { id: string; purpose: string },
): Promise<{ phone: string }> {
  const purpose = statedPurpose(input.purpose);
  const sealed = await accountsRepository.sealedPhoneInScope(db, input.id, actor.scopePath);
  if (!sealed) throw new DomainError('not-found');
  const phone = decryptSecret(secretKey, sealed);
  await db.transaction((tx) =>
    recordAudit(tx, context, {
      action: 'user.phone.reveal',
      objectType: 'user',
      objectId: input.id,
      details: { purpose },
    }),
  );
  return { phone };
}
