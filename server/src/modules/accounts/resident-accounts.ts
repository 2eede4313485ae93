import type { Executor } from '../../db/client.js';
import { accountsRepository, type NewUser, type UserRow } from './accounts.repository.js';

/** A resident's sealed phone: the only thing of an account the sealing of legacy phones changes. */
export type SealedPhone = Pick<NewUser, 'username' | 'phoneIndex' | 'phoneSealed' | 'phoneMasked'>;

/**
 * The accounts module's statements for residents' accounts, which the residents module runs in
 * its own transactions (sign-up on the portal, sealing legacy phones at start) beside its audit
 * rows: only accounts writes the users table, and only resident accounts through these.
 */
export const residentAccountStatements = {
  findByPhoneIndex: accountsRepository.findUserByPhoneIndex,
  /** Mobile numbers still kept as login names (`mobilePattern`: the contracts' mainland-mobile pattern). */
  withPlainPhones: accountsRepository.residentsWithPlainPhones,
  /** A new account with the `resident` role, and that role only. */
  insertResident: (tx: Executor, user: Omit<NewUser, 'roles'>): Promise<UserRow> =>
    accountsRepository.insertUser(tx, { ...user, roles: ['resident'] }),
  sealPhone: (tx: Executor, userId: string, sealed: SealedPhone): Promise<void> =>
    accountsRepository.updateUser(tx, userId, sealed),
};
