import type { CaseStateName, MeetingTypeName, TaskStatusName } from '@yiwang/contracts';

/**
 * The rules of residents' consultation (议事协商) as pure functions: who counts once (a person,
 * or a household when the registry links them), when a topic reaches the agenda, when it
 * expires, and how a vote is counted under a meeting type's quorum and majority.
 */

/** What a meeting's vote is counted by. */
export type VoteUnit = 'person' | 'household';
export type MajorityBase = 'cast' | 'participants';
export type Choice = 'yes' | 'no' | 'abstain';

export interface MeetingRules {
  voteUnit: VoteUnit;
  /** Participants (present + voted online) needed, as a percentage of those registered. */
  quorumPercent: number;
  /** Yes votes needed: MORE than this percentage of the base. */
  majorityPercent: number;
  /** The base: the votes cast (yes + no + abstain), or every participant (an absent vote counts as not yes). */
  majorityBase: MajorityBase;
}

/** The default rules of each meeting type; a meeting may be convened with its own percentages. */
export const MEETING_TYPE_RULES: Readonly<Record<MeetingTypeName, MeetingRules>> = {
  // 议事会: two thirds of those registered present, more than half of the votes cast.
  council: { voteUnit: 'person', quorumPercent: 67, majorityPercent: 50, majorityBase: 'cast' },
  // 居民会议: one vote per household, more than half present, more than half of the participants.
  residents_meeting: { voteUnit: 'household', quorumPercent: 50, majorityPercent: 50, majorityBase: 'participants' },
  // 居民代表会议: two thirds present, two thirds of the participants.
  representatives_meeting: { voteUnit: 'person', quorumPercent: 67, majorityPercent: 66, majorityBase: 'participants' },
};

/**
 * Who counts once: the household when the resident is linked to one (a household supports a
 * topic and votes once), else the person.
 */
export function supporterKeyOf(person: { userId: string; householdId: string | null }, unit: VoteUnit = 'household') {
  return unit === 'household' && person.householdId ? `household:${person.householdId}` : `user:${person.userId}`;
}

export interface TopicProgress {
  supportCount: number;
  threshold: number;
  /** 0–100, for the progress bar. */
  percent: number;
  /** Supports still needed to reach the agenda. */
  missing: number;
  reached: boolean;
}

export function topicProgress(supportCount: number, threshold: number): TopicProgress {
  const percent = threshold <= 0 ? 100 : Math.min(100, Math.floor((supportCount * 100) / threshold));
  return {
    supportCount,
    threshold,
    percent,
    missing: Math.max(0, threshold - supportCount),
    reached: supportCount >= threshold,
  };
}

/** An open topic past its expiry date expires (shown as expired, never removed); one that reached the agenda does not. */
export const isTopicExpired = (topic: { state: string; expiresAt: Date }, now: Date): boolean =>
  topic.state === 'open' && topic.expiresAt.getTime() <= now.getTime();

export interface Count {
  yes: number;
  no: number;
  abstain: number;
}

export interface TallyInput {
  rules: MeetingRules;
  /** Registered voters (persons or households): the quorum's base. */
  registered: number;
  /** Present at the door (checked in) or voted online, each counted once. */
  participants: number;
  online: Count;
  /** Paper ballots entered by the clerk, kept apart. */
  paper: Count;
}

export interface Tally {
  result: 'adopted' | 'rejected' | 'no_quorum';
  quorumNeeded: number;
  quorumMet: boolean;
  yes: number;
  no: number;
  abstain: number;
  cast: number;
  /** The base the majority is taken of, and the yes votes it takes (more than majorityPercent). */
  majorityBaseCount: number;
  yesNeeded: number;
}

/** Smallest whole number strictly above `percent` % of `base` (more than half of 7 is 4; of 8 is 5). */
export const moreThanPercent = (base: number, percent: number): number => Math.floor((base * percent) / 100) + 1;

/** At least `percent` % of `base`, rounded up (two thirds of 9 is 6; 67 % of 9 is 7). */
export const atLeastPercent = (base: number, percent: number): number => Math.ceil((base * percent) / 100);

/** Counts an agenda item's online votes and paper ballots under the meeting's rules. */
export function tallyVotes(input: TallyInput): Tally {
  const yes = input.online.yes + input.paper.yes;
  const no = input.online.no + input.paper.no;
  const abstain = input.online.abstain + input.paper.abstain;
  const cast = yes + no + abstain;
  const quorumNeeded = atLeastPercent(input.registered, input.rules.quorumPercent);
  const quorumMet = input.participants >= quorumNeeded && input.participants > 0;
  const majorityBaseCount = input.rules.majorityBase === 'cast' ? cast : Math.max(input.participants, cast);
  const yesNeeded = moreThanPercent(majorityBaseCount, input.rules.majorityPercent);
  const result = !quorumMet ? 'no_quorum' : yes >= yesNeeded ? 'adopted' : 'rejected';
  return { result, quorumNeeded, quorumMet, yes, no, abstain, cast, majorityBaseCount, yesNeeded };
}

/** Paper ballots can be at most one per voter present at the door. */
export const paperCountFits = (paper: Count, attended: number): boolean =>
  paper.yes >= 0 && paper.no >= 0 && paper.abstain >= 0 && paper.yes + paper.no + paper.abstain <= attended;

/** Door codes: 6 characters of an alphabet without look-alikes (no 0/O, 1/I/L), easy to read aloud and print. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function registrationCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return code;
}

/** A code as a person types it: spaces dropped, upper case. */
export const normalizeCode = (typed: string): string => typed.replace(/\s+/g, '').toUpperCase();

export type TaskStatus = TaskStatusName;

/**
 * A decision's progress: the mean of its tasks' percentages (cancelled tasks left out); done
 * when every remaining task is done.
 */
export function decisionProgress(tasks: readonly { status: TaskStatus; progress: number }[]): {
  progress: number;
  state: 'in_progress' | 'done';
} {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  if (live.length === 0) return { progress: 0, state: 'in_progress' };
  const progress = Math.round(live.reduce((sum, t) => sum + (t.status === 'done' ? 100 : t.progress), 0) / live.length);
  return { progress, state: live.every((t) => t.status === 'done') ? 'done' : 'in_progress' };
}

/**
 * What a case's state means for the task it carries out, as a status and a percentage residents
 * can read: registered 10, dispatched 25, accepted 50, handled (feedback given) 75, closed and
 * after 100; a returned case waits to be dispatched again (25), a held one stays in progress (null:
 * unchanged), a voided one is cancelled.
 */
export function taskStepOfCaseState(state: CaseStateName): { status: TaskStatus; progress: number } | null {
  switch (state) {
    case 'reported':
      return { status: 'not_started', progress: 0 };
    case 'registered':
      return { status: 'in_progress', progress: 10 };
    case 'dispatched':
    case 'returned':
      return { status: 'in_progress', progress: 25 };
    case 'accepted':
      return { status: 'in_progress', progress: 50 };
    case 'handled':
      return { status: 'in_progress', progress: 75 };
    case 'closed':
    case 'rated':
    case 'archived':
      return { status: 'done', progress: 100 };
    case 'voided':
      return { status: 'cancelled', progress: 0 };
    case 'on_hold':
      return null;
  }
}
