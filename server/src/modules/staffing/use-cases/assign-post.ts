import type { GridPost } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { accountsLookups } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { gridsLookups } from '../../grids/index.js';
import { staffingRepository } from '../staffing.repository.js';
import { listPosts } from './list-posts.js';

/** Sets a post's holder and backup; both must be accounts within the caller's scope, and different people. */
export async function assignPost(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { gridCode: string; role: GridPost['role']; holderUserId: string; backupUserId: string },
): Promise<GridPost> {
  const grid = await gridsLookups.findCurrentInScope(db, input.gridCode, actor.scopePath);
  if (!grid) throw new DomainError('not-found');
  if (input.holderUserId === input.backupUserId) {
    throw new DomainError('validation', {}, [{ field: 'backupUserId', code: 'same-as-holder' }]);
  }
  for (const [field, id] of [
    ['holderUserId', input.holderUserId],
    ['backupUserId', input.backupUserId],
  ] as const) {
    if (!(await accountsLookups.findUserInScope(db, id, actor.scopePath))) {
      throw new DomainError('invalid-reference', { what: id }, [{ field, code: 'invalid' }]);
    }
  }
  await db.transaction(async (tx) => {
    const post = await staffingRepository.upsertPost(tx, input);
    await recordAudit(tx, context, {
      action: 'post.assign',
      objectType: 'grid-post',
      objectId: post.id,
      details: input,
    });
  });
  const [post] = await listPosts(db, actor.scopePath, { gridCodes: [input.gridCode], role: input.role }, new Date());
  if (!post) throw new Error('assigned post not readable');
  return post;
}
