import type { RegisterResidentBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { accountsRepository, type UserRow } from '../../accounts/accounts.repository.js';
import { hashPassword } from '../../accounts/passwords.js';
import { recordAudit } from '../../audit/record-audit.js';
import { residentsRepository } from '../residents.repository.js';

export interface RegisterResidentOptions {
  db: Db;
  input: RegisterResidentBody;
  ip: string;
  requestId: string;
}

/** PostgreSQL's unique_violation: a concurrent registration of the same phone won the unique index. */
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * A resident signs themselves up on the portal: an account with the `resident` role whose
 * login name is their mobile number, scoped to the county (a resident may report anywhere
 * in it and sees only their own cases). One account per phone; the audit row is written
 * with the account, as its own first act.
 */
export async function registerResident({ db, input, ip, requestId }: RegisterResidentOptions): Promise<UserRow> {
  const county = await residentsRepository.countyRegion(db);
  if (!county) throw new Error('no single county at the root of the region tree: resident registration needs one');
  const taken = () => new DomainError('phone-registered', { phone: input.phone }, [{ field: 'phone', code: 'taken' }]);
  const displayName = input.displayName.trim();
  if (!displayName) throw new DomainError('validation', {}, [{ field: 'displayName', code: 'required' }]);
  if (await accountsRepository.findUserByUsername(db, input.phone)) throw taken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await accountsRepository.insertUser(tx, {
        username: input.phone,
        displayName,
        passwordHash,
        roles: ['resident'],
        scopeRegionCode: county.code,
        unitId: null,
        locale: input.locale ?? 'zh-CN',
      });
      await recordAudit(
        tx,
        { actor: { id: user.id, label: user.username }, requestId },
        {
          action: 'user.register',
          objectType: 'user',
          objectId: user.id,
          details: { username: user.username, roles: ['resident'], scopeRegionCode: county.code, ip },
        },
      );
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
