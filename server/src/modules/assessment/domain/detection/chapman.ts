/**
 * Capture–recapture across independent channels (issue 12 item 4): the grid team's reports
 * and the residents' and 12345's are two "captures" of the same problems; the cases both saw
 * (a report merged in, 并单) are the recaptures. Chapman's estimator of the true count is
 * N̂ = (n₁ + 1)(n₂ + 1)/(m + 1) − 1, and the team's share of it n₁/N̂.
 */
export interface ChapmanEstimate {
  /** Problems the team reported. */
  readonly team: number;
  /** Problems others (residents, 12345, the desk) reported. */
  readonly others: number;
  /** Problems both reported. */
  readonly both: number;
  /** Estimated true number of problems. */
  readonly estimate: number;
  /** The team's share of it (0…1); null when nothing is estimated. */
  readonly teamShare: number | null;
}

export function chapman(team: number, others: number, both: number): ChapmanEstimate {
  const estimate = ((team + 1) * (others + 1)) / (both + 1) - 1;
  return { team, others, both, estimate, teamShare: estimate > 0 ? Math.min(1, team / estimate) : null };
}
