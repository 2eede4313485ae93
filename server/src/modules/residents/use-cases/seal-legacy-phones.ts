import { MAINLAND_MOBILE_PATTERN } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { encryptSecret } from '../../../platform/crypto.js';
import { maskPhone, phoneIndex } from '../../../platform/phone.js';
import { residentAccountStatements } from '../../accounts/index.js';
import { recordAudit } from '../../audit/index.js';
import { residentUsername } from './register-resident.js';

/**
 * Residents who signed up before phones were sealed have their number as login name. At
 * start, each such account gets its number sealed, masked and blind-indexed and a random
 * login name instead (they keep signing in with the number); one audit row per account,
 * written with the change. Idempotent: a converted account no longer matches.
 */
export async function sealLegacyResidentPhones(db: Db, secretKey: Buffer): Promise<number> {
  const legacy = await residentAccountStatements.withPlainPhones(db, MAINLAND_MOBILE_PATTERN);
  for (const user of legacy) {
    const phone = user.username;
    await db.transaction(async (tx) => {
      const username = residentUsername();
      await residentAccountStatements.sealPhone(tx, user.id, {
        username,
        phoneIndex: phoneIndex(secretKey, phone),
        phoneSealed: encryptSecret(secretKey, phone),
        phoneMasked: maskPhone(phone),
      });
      await recordAudit(
        tx,
        { actor: null, requestId: 'seal-resident-phones' },
        {
          action: 'user.phone-sealed',
          objectType: 'user',
          objectId: user.id,
          details: { username, phone: maskPhone(phone) },
        },
      );
    });
  }
  return legacy.length;
}
