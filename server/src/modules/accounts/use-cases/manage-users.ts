import type { CreateUserBody, UpdateUserBody } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { unitsLookups } from '../../units/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';
import { hashPassword } from '../passwords.js';

/** A scope can only be granted inside the granter's own scope. */
/** The region's path, when the actor may grant it (their own scope or below). */
export async function assertGrantableScope(db: Executor, actor: Actor, regionCode: string): Promise<string> {
  const region = await regionsLookups.findByCode(db, regionCode);
  if (!region)
    throw new DomainError('invalid-reference', { what: regionCode }, [{ field: 'scopeRegionCode', code: 'invalid' }]);
  if (!isPathWithin(region.path, actor.scopePath)) throw new DomainError('scope-exceeded', { what: region.name });
  return region.path;
}

async function assertUnitInScope(db: Executor, actor: Actor, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const unit = await unitsLookups.findInScope(db, unitId, actor.scopePath);
  if (!unit) throw new DomainError('invalid-reference', { what: unitId }, [{ field: 'unitId', code: 'invalid' }]);
}

/** A new account in the caller's scope (a scope and unit they may grant), audited; answered as the list shows it. */
export async function createUser(
  deps: { db: Db },
  options: { actor: Actor; context: AuditContext; data: CreateUserBody },
) {
  const { db } = deps;
  const { actor, context, data: input } = options;
  const scopePath = await assertGrantableScope(db, actor, input.scopeRegionCode);
  await assertUnitInScope(db, actor, input.unitId);
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    if (await accountsRepository.findUserByUsername(tx, input.username)) {
      throw new DomainError('conflict', { what: input.username }, [{ field: 'username', code: 'taken' }]);
    }
    const user = await accountsRepository.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      roles: input.roles,
      scopeRegionCode: input.scopeRegionCode,
      unitId: input.unitId ?? null,
      locale: input.locale ?? 'zh-CN',
    });
    await recordAudit(tx, context, {
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      // The account's place decides who reads the row, like the account itself.
      scopePath,
      details: {
        username: user.username,
        roles: input.roles,
        scopeRegionCode: input.scopeRegionCode,
        unitId: user.unitId,
      },
    });
    return user;
  });
  const created = await accountsRepository.findUserInScope(db, user.id, actor.scopePath);
  if (!created) throw new Error('created user not readable');
  return created;
}

/**
 * Changes an account. Disabling it or setting a new password ends its sessions at
 * once; role and scope changes apply from the next request, since the actor is loaded
 * from the database on every request.
 */
export async function updateUser(db: Db, actor: Actor, context: AuditContext, id: string, input: UpdateUserBody) {
  const target = await accountsRepository.findUserInScope(db, id, actor.scopePath);
  if (!target) throw new DomainError('not-found');
  const newScopePath = input.scopeRegionCode ? await assertGrantableScope(db, actor, input.scopeRegionCode) : null;
  if (input.unitId !== undefined) await assertUnitInScope(db, actor, input.unitId);
  if (id === actor.id && (input.disabled === true || (input.roles && !input.roles.includes('admin')))) {
    // Locking oneself out of administration is almost always a mistake with no way back.
    throw new DomainError('forbidden');
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await db.transaction(async (tx) => {
    await accountsRepository.updateUser(tx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.roles ? { roles: input.roles } : {}),
      ...(input.scopeRegionCode ? { scopeRegionCode: input.scopeRegionCode } : {}),
      ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      ...(input.unlock ? { failedLogins: 0, lockedUntil: null } : {}),
    });
    if (input.disabled === true || passwordHash) await accountsRepository.deleteSessionsOfUser(tx, id);
    const { password: _password, ...changes } = input;
    await recordAudit(tx, context, {
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      scopePath: newScopePath ?? (await regionsLookups.findByCode(tx, target.scopeRegionCode))?.path ?? null,
      details: { changes: { ...changes, ...(passwordHash ? { password: '(changed)' } : {}) } },
    });
  });
  forgetSessions(db);
  return accountsRepository.findUserInScope(db, id, actor.scopePath);
}
