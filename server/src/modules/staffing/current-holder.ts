/** A period in which someone is away; `endsAt` is exclusive. */
export interface AbsencePeriod {
  userId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface PostPair {
  holderUserId: string;
  backupUserId: string;
}

export type Cover =
  | { userId: string; by: 'holder' }
  | { userId: string; by: 'backup'; holderAbsence: AbsencePeriod }
  /** Both A and B are away: the post is uncovered and the workstation must step in. */
  | { userId: null; by: 'nobody'; holderAbsence: AbsencePeriod; backupAbsence: AbsencePeriod };

export const absenceAt = (absences: readonly AbsencePeriod[], userId: string, at: Date): AbsencePeriod | undefined =>
  absences.find((a) => a.userId === userId && a.startsAt <= at && at < a.endsAt);

/**
 * A/B posts (AB岗): who does the post's work at a moment. The holder (A) unless absent;
 * then the named backup (B) unless B is absent too. The case loop routes by this.
 */
export function currentHolder(post: PostPair, absences: readonly AbsencePeriod[], at: Date): Cover {
  const holderAbsence = absenceAt(absences, post.holderUserId, at);
  if (!holderAbsence) return { userId: post.holderUserId, by: 'holder' };
  const backupAbsence = absenceAt(absences, post.backupUserId, at);
  if (!backupAbsence) return { userId: post.backupUserId, by: 'backup', holderAbsence };
  return { userId: null, by: 'nobody', holderAbsence, backupAbsence };
}
