import { randomBytes } from 'node:crypto';
import type { RegisterResidentBody } from '@yiwang/contracts';
import { type Db, sqlStateOf } from '../../../db/client.js';
import { encryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import { maskPhone, phoneIndex } from '../../../platform/phone.js';
import { hashPassword, residentAccountStatements, type UserRow } from '../../accounts/index.js';
import { recordAudit } from '../../audit/index.js';
import { residentsRepository } from '../residents.repository.js';

export interface RegisterResidentOptions {
  db: Db;
  /** Seals the phone and keys its blind index. */
  secretKey: Buffer;
  input: RegisterResidentBody;
  ip: string;
  requestId: string;
}

/** PostgreSQL's unique_violation: a concurrent registration of the same phone won the unique index. */
const isUniqueViolation = (error: unknown) => sqlStateOf(error) === '23505';

/** A resident's login name: their phone is personal data, so the name is a random handle (r-3fa9c01b2e). */
export const residentUsername = (): string => `r-${randomBytes(5).toString('hex')}`;

/**
 * A resident signs themselves up on the portal: an account with the `resident` role,
 * scoped to the county (a resident may report anywhere in it and sees only their own
 * cases), which they sign in to with their mobile number. The number is sealed, masked
 * and blind-indexed (platform/phone.ts); the login name is a random handle, so the
 * number appears in no list, log or audit row. One account per phone; the audit row is
 * written with the account, as its own first act.
 */
export async function registerResident({
  db,
  secretKey,
  input,
  ip,
  requestId,
}: RegisterResidentOptions): Promise<UserRow> {
  const county = await residentsRepository.countyRegion(db);
  if (!county) throw new Error('no single county at the root of the region tree: resident registration needs one');
  const taken = () => new DomainError('phone-registered', { phone: input.phone }, [{ field: 'phone', code: 'taken' }]);
  const displayName = input.displayName.trim();
  if (!displayName) throw new DomainError('validation', {}, [{ field: 'displayName', code: 'required' }]);
  const index = phoneIndex(secretKey, input.phone);
  if (await residentAccountStatements.findByPhoneIndex(db, index)) throw taken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await residentAccountStatements.insertResident(tx, {
        username: residentUsername(),
        phoneIndex: index,
        phoneSealed: encryptSecret(secretKey, input.phone),
        phoneMasked: maskPhone(input.phone),
        displayName,
        passwordHash,
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
          details: {
            username: user.username,
            phone: user.phoneMasked,
            roles: ['resident'],
            scopeRegionCode: county.code,
            ip,
          },
        },
      );
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
