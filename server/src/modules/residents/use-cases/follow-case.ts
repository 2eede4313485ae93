import type { PublicCaseView } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { caseTimelineLookups, normalizeFollowKey } from '../../cases/index.js';
import type { PhotoStorage } from '../../photos/index.js';
import { findPhotoOfCase, readSharedPhotoFile } from '../../photos/index.js';
import { isResolved, publicStateOf, publicTimeline } from '../public-case.js';
import { type FollowedCaseRow, residentsRepository } from '../residents.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case merged into another (并单) is followed there; chains of merges are short. */
const MAX_MERGE_HOPS = 5;

/**
 * The case that a code and follow key open, or 404. An unknown code, a wrong or missing
 * key and a malformed code all get the same answer, so codes cannot be probed. When the
 * case was merged into another, the key (its report moved along) opens that one.
 */
async function followedCase(db: Db, code: string, typedKey: string | undefined) {
  const key = typedKey ? normalizeFollowKey(typedKey) : null;
  if (!key) throw new DomainError('not-found');
  let row: FollowedCaseRow | undefined = await residentsRepository.caseByCode(db, code.trim().toUpperCase());
  for (let hop = 0; row && hop <= MAX_MERGE_HOPS; hop++) {
    if (await residentsRepository.caseHasFollowKey(db, row.id, key)) {
      return { row, mergedFromCode: hop === 0 ? null : code.trim().toUpperCase() };
    }
    const into = row.snapshot.duplicateOfCaseId;
    row = into ? await residentsRepository.caseById(db, into) : undefined;
  }
  throw new DomainError('not-found');
}

/** GET /api/public/cases/:code?key=…: the public facts of a case, for anyone holding its follow key. */
export async function followCase(db: Db, code: string, key: string | undefined): Promise<PublicCaseView> {
  const { row, mergedFromCode } = await followedCase(db, code, key);
  const [matter, events] = await Promise.all([
    residentsRepository.matterNames(db, row.matterCode, row.matterVersion),
    caseTimelineLookups.eventsOf(db, row.id),
  ]);
  const feedback = row.snapshot.feedback;
  return {
    code: row.code,
    mergedFromCode,
    matter: { code: row.matterCode, name: matter?.name ?? row.matterCode, nameEn: matter?.nameEn ?? row.matterCode },
    state: publicStateOf(row.state),
    reportedAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    supporterCount: row.supporterCount,
    timeline: publicTimeline(events.map(({ event }) => event)),
    result:
      feedback && isResolved(row.state)
        ? { text: feedback.text, at: feedback.at, photoIds: [...feedback.photoIds] }
        : null,
  };
}

/**
 * The thumbnail (no metadata) of one of the unit's feedback photos of a followed, closed
 * case. Any other photo — the reporter's own, another case's — is not found.
 */
export async function followedCasePhotoThumbnail(
  deps: { db: Db; storage: PhotoStorage },
  input: { code: string; key: string | undefined; photoId: string },
): Promise<Buffer> {
  const { row } = await followedCase(deps.db, input.code, input.key);
  if (!UUID.test(input.photoId)) throw new DomainError('not-found');
  const shared = row.snapshot.feedback?.photoIds ?? [];
  if (!isResolved(row.state) || !shared.includes(input.photoId)) throw new DomainError('not-found');
  return readSharedPhotoFile(deps, await findPhotoOfCase(deps, row.id, input.photoId), 'thumbnail');
}
