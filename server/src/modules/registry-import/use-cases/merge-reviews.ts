import type {
  MergeReview,
  MergeReviewList,
  MergeSide,
  RegistryMergeDecision,
  RegistryMergeState,
} from '@yiwang/contracts';
import { decryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import {
  type ImportedPerson,
  type PersonWithAddress,
  personWithAddress,
  takeIncomingPerson,
} from '../../registry/index.js';
import { type MergeReviewRow, registryImportRepository } from '../registry-import.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';

const SIDE_FIELDS = ['name', 'idNumberMasked', 'sex', 'birthDate', 'phoneMasked', 'residence', 'address'] as const;

const sideOf = (p: PersonWithAddress): MergeSide => ({
  name: p.name,
  idNumberMasked: p.idNumberMasked,
  sex: p.sex,
  birthDate: p.birthDate,
  phoneMasked: p.phoneMasked,
  residence: p.residence,
  address: p.address,
});

function presentReview(row: MergeReviewRow, existing: PersonWithAddress): MergeReview {
  const incoming = row.incomingMasked as MergeSide;
  const current = sideOf(existing);
  return {
    id: row.id,
    state: row.state,
    personId: row.personId,
    existing: current,
    incoming,
    differences: SIDE_FIELDS.filter((f) => current[f] !== incoming[f]),
    importId: row.importId,
    row: row.row,
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedByLabel,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    note: row.note,
  };
}

/** The ID-number clashes in scope, each with both records side by side (masked). */
export async function listMergeReviews(
  deps: ImportDeps,
  options: { actor: Actor; state?: RegistryMergeState },
): Promise<MergeReviewList> {
  const { actor } = options;
  const rows = await registryImportRepository.mergeReviewsInScope(deps.db, {
    scopePath: actor.scopePath,
    ...(options.state ? { state: options.state } : {}),
  });
  const items: MergeReview[] = [];
  for (const row of rows) {
    const existing = await personWithAddress(deps.db, { personId: row.personId, scopePath: actor.scopePath });
    if (existing) items.push(presentReview(row, existing));
  }
  return { items };
}

const STATE_OF: Record<RegistryMergeDecision, RegistryMergeState> = {
  keep: 'kept',
  take: 'taken',
  different: 'different',
};

/**
 * Records a desk user's decision on a clash: keep the registered record, take the incoming fields
 * into it (its previous state kept in history), or mark them as different people (the incoming
 * row stays unstored until its number is corrected). Audited; decided once.
 */
export async function resolveMergeReview(
  deps: ImportDeps,
  options: {
    actor: Actor;
    context: AuditContext;
    id: string;
    decision: RegistryMergeDecision;
    note?: string;
    now: Date;
  },
): Promise<MergeReview> {
  const { actor, context, decision, now } = options;
  return deps.db.transaction(async (tx) => {
    const review = await registryImportRepository.lockMergeReview(tx, options.id, actor.scopePath);
    if (!review) throw new DomainError('not-found');
    if (review.state !== 'open') throw new DomainError('merge-review-decided');
    if (decision === 'take') {
      const incoming = JSON.parse(decryptSecret(deps.secretKey, review.incomingSealed)) as ImportedPerson;
      const taken = await takeIncomingPerson(tx, {
        secretKey: deps.secretKey,
        actor,
        personId: review.personId,
        incoming,
        now,
      });
      if (!taken) throw new DomainError('registry-record-changed');
    }
    const decided = await registryImportRepository.decideMergeReview(tx, review.id, {
      state: STATE_OF[decision],
      decidedBy: actor.kind === 'user' ? actor.id : null,
      decidedByLabel: actor.label,
      decidedAt: now,
      note: options.note?.trim() || null,
    });
    if (!decided) throw new Error('merge review not updated');
    await recordAudit(tx, context, {
      action: 'registry.merge.resolve',
      objectType: 'registry-merge-review',
      objectId: review.id,
      scopePath: review.path,
      details: { decision, person: review.personId, import: review.importId, row: review.row },
    });
    const existing = await personWithAddress(tx, { personId: review.personId, scopePath: actor.scopePath });
    if (!existing) throw new DomainError('not-found');
    return presentReview(decided, existing);
  });
}
