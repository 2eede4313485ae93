import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client.js';
import { decryptSecret } from '../../../platform/crypto.js';
import { recordAudit } from '../../audit/index.js';
import { registryRepository } from '../registry.repository.js';
import { sealIdNumber, sealPhone } from '../registry-secrets.js';

/**
 * The key an earlier version sealed the demo's people under. It was published in the source, so
 * rows still under it (`sealed_with = 'demo'`) are re-sealed under the installation's own key at
 * start; nothing is sealed under it any more. Kept only to open those rows once.
 */
const LEGACY_DEMO_KEY = createHash('sha256')
  .update('yiwang demo registry: synthetic people only, key published')
  .digest();

/**
 * Re-seals every registry row sealed under the legacy demo key under `secretKey`, in one
 * transaction with one audit row. Idempotent: a re-sealed row no longer matches. Returns the count.
 */
export async function resealLegacyDemoRegistry(db: Db, secretKey: Buffer): Promise<number> {
  const legacy = await registryRepository.legacyDemoSealed(db);
  const count = legacy.people.length + legacy.organizations.length;
  if (count === 0) return 0;
  const open = (sealed: string | null) => (sealed ? decryptSecret(LEGACY_DEMO_KEY, sealed) : null);
  await db.transaction(async (tx) => {
    for (const p of legacy.people) {
      const idNumber = open(p.idNumberSealed);
      const phone = open(p.phoneSealed);
      const id = idNumber ? sealIdNumber(secretKey, idNumber) : null;
      const ph = phone ? sealPhone(secretKey, phone) : null;
      await registryRepository.resealPerson(tx, p.id, {
        idNumberSealed: id?.idNumberSealed ?? null,
        idNumberIndex: id?.idNumberIndex ?? null,
        idNumberMasked: id?.idNumberMasked ?? null,
        phoneSealed: ph?.sealed ?? null,
        phoneIndex: ph?.index ?? null,
        phoneMasked: ph?.masked ?? null,
      });
    }
    for (const o of legacy.organizations) {
      const phone = open(o.contactPhoneSealed);
      const ph = phone ? sealPhone(secretKey, phone) : null;
      if (ph)
        await registryRepository.resealOrganization(tx, o.id, {
          contactPhoneSealed: ph.sealed,
          contactPhoneIndex: ph.index,
        });
    }
    await recordAudit(
      tx,
      { actor: null, requestId: 'reseal-legacy-demo-registry' },
      {
        action: 'registry.resealed',
        objectType: 'registry-person',
        details: { people: legacy.people.length, organizations: legacy.organizations.length },
      },
    );
  });
  return count;
}
