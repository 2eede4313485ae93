import type { Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';

/** The signed-in user's preferences (their language), audited. */
export async function updatePreferences(
  deps: { db: Db },
  options: { actor: Actor; context: AuditContext; locale: Locale },
): Promise<void> {
  const { actor, locale } = options;
  await deps.db.transaction(async (tx) => {
    await accountsRepository.updateUser(tx, actor.id, { locale });
    await recordAudit(tx, options.context, {
      action: 'user.preferences',
      objectType: 'user',
      objectId: actor.id,
      details: { locale },
    });
  });
  forgetSessions(deps.db);
}
