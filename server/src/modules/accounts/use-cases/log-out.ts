import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';

export async function logOut(db: Db, actor: Actor, context: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    if (actor.sessionId) await accountsRepository.deleteSession(tx, actor.sessionId);
    await recordAudit(tx, context, { action: 'auth.logout', objectType: 'user', objectId: actor.id });
  });
  forgetSessions(db);
}
