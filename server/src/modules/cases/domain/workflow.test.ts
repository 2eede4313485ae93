import { describe, expect, it } from 'vitest';
import { clockStage, reportCase, reporterMayRate, transition } from './workflow.js';
import {
  type Actor,
  CASE_STATES,
  type CaseSnapshot,
  type CaseState,
  COMMAND_TYPES,
  type Command,
  type CommandType,
  DEFAULT_WORKFLOW_POLICY,
  type Extension,
  type TransitionResult,
} from './workflow-types.js';

// ── fixtures ────────────────────────────────────────────────────────────────────────

const TOWN_CC = 'unit-320281001-CC';
const OTHER_TOWN_CC = 'unit-320281100-CC';
const CITY_CC = 'unit-320281-CC';
const COMMUNITY_WS = 'unit-320281001001-WS';
const URBAN = 'unit-320281-urban';
const WATER = 'unit-320281-watersupply';
const POLICE = 'unit-320281-police';
const MARKET = 'unit-320281-market';

const NOW = new Date('2026-05-12T02:00:00Z'); // Tue 10:00 China time
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const actors = {
  op: { userId: 'u-op', roles: ['operator'], unitId: TOWN_CC },
  op2: { userId: 'u-op2', roles: ['operator'], unitId: OTHER_TOWN_CC },
  h: { userId: 'u-h', roles: ['handler'], unitId: URBAN },
  h2: { userId: 'u-h2', roles: ['handler'], unitId: WATER },
  hs: { userId: 'u-hs', roles: ['handler'], unitId: POLICE },
  gw: { userId: 'u-gw', roles: ['grid_worker'], unitId: COMMUNITY_WS },
  sv: { userId: 'u-sv', roles: ['supervisor'], unitId: null },
  res: { userId: 'u-res', roles: ['resident'], unitId: null },
  res2: { userId: 'u-res2', roles: ['resident'], unitId: null },
  leader: { userId: 'u-leader', roles: ['leader'], unitId: CITY_CC },
  sys: { userId: null, roles: ['system'], unitId: null },
} as const satisfies Record<string, Actor>;
type ActorName = keyof typeof actors;
const ACTOR_NAMES = Object.keys(actors) as ActorName[];

const base: CaseSnapshot = reportCase(
  {
    id: 'case-1',
    matterCode: 'CG-0101',
    level: 'town',
    commandUnitId: TOWN_CC,
    reporterUserId: 'u-res',
    needsOnSiteVerification: true,
    channel: 'worker_app',
  },
  later(-120),
).snapshot;

const FEEDBACK = { text: '已补装井盖', photoIds: ['p-1'], at: later(-30), byUserId: 'u-h' };

/** A case in `state` with what that state implies (an assigned unit, a return, a hold…). */
function inState(state: CaseState): CaseSnapshot {
  const assigned = { assignedUnitId: URBAN, handleDueAt: later(600) };
  switch (state) {
    case 'reported':
    case 'registered':
      return { ...base, state };
    case 'voided':
      return { ...base, state, voidReason: '无效上报' };
    case 'dispatched':
    case 'accepted':
      return { ...base, ...assigned, state };
    case 'returned':
      return {
        ...base,
        ...assigned,
        state,
        returnCount: 1,
        pendingReturn: { unitId: URBAN, reason: '非本单位职责', at: later(-10), byUserId: 'u-h' },
      };
    case 'handled':
    case 'closed':
    case 'rated':
    case 'archived':
      return { ...base, ...assigned, state, feedback: FEEDBACK };
    case 'on_hold':
      return {
        ...base,
        ...assigned,
        state,
        hold: { fromState: 'accepted', reason: '待资金', since: later(-60), reviewAt: later(60 * 24) },
      };
  }
}

const pendingExtension: Extension = {
  requestedAt: later(-5),
  requestedByUserId: 'u-h',
  extra: { unit: 'working_days', amount: 2 },
  reason: '需采购配件',
  status: 'pending',
  decidedAt: null,
  decidedByUserId: null,
  previousDueAt: later(600),
  newDueAt: null,
};

/** The case prepared so that `command`'s own preconditions hold. */
function readyFor(type: CommandType, state: CaseState): CaseSnapshot {
  const c = inState(state);
  switch (type) {
    case 'approve_extension':
    case 'reject_extension':
      return { ...c, extensions: [pendingExtension] };
    case 'report_arrival':
    case 'record_part':
      return {
        ...c,
        whistle: {
          blownAt: later(-60),
          blownByUserId: 'u-op',
          units: [
            {
              unitId: POLICE,
              summonedAt: later(-60),
              arriveBy: later(-30),
              arrivedAt: type === 'record_part' ? later(-40) : null,
              part: null,
              partRecordedAt: null,
            },
          ],
        },
      };
    default:
      return c;
  }
}

/** A valid command of each type. */
const SAMPLE: { readonly [T in CommandType]: Extract<Command, { type: T }> } = {
  register: { type: 'register' },
  void: { type: 'void', reason: '重复上报', duplicateOfCaseId: 'case-0' },
  dispatch: { type: 'dispatch', unitId: URBAN, handleDueAt: later(600) },
  accept: { type: 'accept' },
  return: { type: 'return', reason: '非本单位职责' },
  review_return: { type: 'review_return', decision: 'uphold' },
  redispatch: { type: 'redispatch', unitId: WATER, reason: '井盖权属为自来水公司' },
  submit_feedback: { type: 'submit_feedback', text: '已补装井盖', photoIds: ['p-1'] },
  verify_pass: { type: 'verify_pass', photoIds: ['p-2'] },
  verify_fail: { type: 'verify_fail', reason: '井盖未固定' },
  rate: { type: 'rate', rating: 'satisfied' },
  archive: { type: 'archive' },
  hold: { type: 'hold', reason: '需列入年度维修计划', reviewAt: later(60 * 24 * 30) },
  resume: { type: 'resume' },
  request_extension: { type: 'request_extension', extra: { unit: 'working_days', amount: 2 }, reason: '需采购配件' },
  approve_extension: { type: 'approve_extension', newDueAt: later(2000) },
  reject_extension: { type: 'reject_extension', note: '可先设置围挡' },
  supervise: { type: 'supervise', note: '即将超期' },
  escalate: { type: 'escalate', reason: '涉及多部门，镇级无法协调', toCommandUnitId: CITY_CC },
  whistle: { type: 'whistle', unitIds: [POLICE, MARKET], arriveBy: later(30) },
  report_arrival: { type: 'report_arrival' },
  record_part: { type: 'record_part', text: '现场维持秩序' },
};

/** The actor entitled to issue each command against the fixtures. */
const ENTITLED: Readonly<Record<CommandType, ActorName>> = {
  register: 'op',
  void: 'op',
  dispatch: 'op',
  accept: 'h',
  return: 'h',
  review_return: 'op',
  redispatch: 'op',
  submit_feedback: 'h',
  verify_pass: 'gw',
  verify_fail: 'gw',
  rate: 'res',
  archive: 'op',
  hold: 'op',
  resume: 'op',
  request_extension: 'h',
  approve_extension: 'op',
  reject_extension: 'op',
  supervise: 'leader',
  escalate: 'op',
  whistle: 'op',
  report_arrival: 'hs',
  record_part: 'hs',
};

function expectOk(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result;
}

/** Runs commands one after another, failing loudly on a refusal. */
function run(start: CaseSnapshot, steps: [Command, Actor, Date?][]) {
  let c = start;
  const events = [];
  for (const [command, actor, at] of steps) {
    const result = expectOk(transition(c, command, actor, at ?? NOW));
    c = result.next;
    events.push(...result.events);
  }
  return { c, events };
}

// ── the state × command table ───────────────────────────────────────────────────────

/**
 * Which command is possible in which state, written out independently of the code's
 * ALLOWED_STATES so that a change to either shows up here. Columns follow CASE_STATES.
 */
const EXPECTED_ALLOWED = `
                   reported registered voided dispatched accepted returned handled closed rated archived on_hold
register              Y        .         .        .         .        .       .      .     .      .       .
void                  Y        Y         .        .         .        .       .      .     .      .       .
dispatch              .        Y         .        .         .        .       .      .     .      .       .
accept                .        .         .        Y         .        .       .      .     .      .       .
return                .        .         .        Y         .        .       .      .     .      .       .
review_return         .        .         .        .         .        Y       .      .     .      .       .
redispatch            .        .         .        Y         Y        Y       .      .     .      .       .
submit_feedback       .        .         .        .         Y        .       .      .     .      .       .
verify_pass           .        .         .        .         .        .       Y      .     .      .       .
verify_fail           .        .         .        .         .        .       Y      .     .      .       .
rate                  .        .         .        .         .        .       .      Y     Y      .       .
archive               .        .         .        .         .        .       .      Y     Y      .       .
hold                  .        Y         .        Y         Y        .       .      .     .      .       .
resume                .        .         .        .         .        .       .      .     .      .       Y
request_extension     .        .         .        .         Y        .       .      .     .      .       .
approve_extension     .        .         .        .         Y        .       .      .     .      .       .
reject_extension      .        .         .        .         Y        .       .      .     .      .       .
supervise             Y        Y         .        Y         Y        Y       Y      .     .      .       Y
escalate              .        Y         .        Y         Y        Y       .      .     .      .       .
whistle               .        Y         .        Y         Y        .       .      .     .      .       .
report_arrival        .        Y         .        Y         Y        Y       .      .     .      .       .
record_part           .        Y         .        Y         Y        Y       .      .     .      .       .
`;

function allowedStates(type: CommandType): CaseState[] {
  const [header, ...rows] = EXPECTED_ALLOWED.trim().split('\n');
  expect(header?.trim().split(/\s+/)).toEqual([...CASE_STATES]);
  const row = rows.find((r) => r.split(/\s+/)[0] === type);
  const marks = row?.trim().split(/\s+/).slice(1) ?? [];
  expect(marks).toHaveLength(CASE_STATES.length);
  return CASE_STATES.filter((_, i) => marks[i] === 'Y');
}

describe('every state × command pair', () => {
  const pairs = COMMAND_TYPES.flatMap((type) => CASE_STATES.map((state) => [type, state] as const));

  it('covers all 22 commands and 11 states', () => {
    expect(pairs).toHaveLength(22 * 11);
  });

  it.each(pairs)('%s in %s', (type, state) => {
    const result = transition(readyFor(type, state), SAMPLE[type], actors[ENTITLED[type]], NOW);
    if (allowedStates(type).includes(state)) {
      expect(result).toMatchObject({ ok: true });
      expect(expectOk(result).events.length).toBeGreaterThan(0);
    } else {
      expect(result).toEqual({ ok: false, reason: 'not-allowed-in-state' });
    }
  });
});

// ── the authorization table ─────────────────────────────────────────────────────────

/** Who may issue each command against the fixtures (town-level case, on-site check needed). */
const EXPECTED_AUTHORIZED: Readonly<Record<CommandType, readonly ActorName[]>> = {
  register: ['op'],
  void: ['op'],
  dispatch: ['op'],
  accept: ['h'],
  return: ['h'],
  review_return: ['op'],
  redispatch: ['op'],
  submit_feedback: ['h'],
  verify_pass: ['gw', 'sv'],
  verify_fail: ['gw', 'sv'],
  rate: ['op', 'res'],
  archive: ['op', 'sys'],
  hold: ['op'],
  resume: ['op'],
  request_extension: ['h'],
  approve_extension: ['op'],
  reject_extension: ['op'],
  supervise: ['op', 'op2', 'sv', 'leader', 'sys'],
  escalate: ['op', 'sys'],
  whistle: ['op'],
  report_arrival: ['hs'],
  record_part: ['hs'],
};

describe('every command × actor pair in an allowed state', () => {
  const pairs = COMMAND_TYPES.flatMap((type) => ACTOR_NAMES.map((name) => [type, name] as const));

  it.each(pairs)('%s by %s', (type, name) => {
    const state = allowedStates(type)[0] as CaseState;
    const result = transition(readyFor(type, state), SAMPLE[type], actors[name], NOW);
    if (EXPECTED_AUTHORIZED[type].includes(name)) expect(result).toMatchObject({ ok: true });
    else if (name === 'op' && (type === 'verify_pass' || type === 'verify_fail'))
      // The operator may check at the desk only when the matter needs no on-site check.
      expect(result).toEqual({ ok: false, reason: 'on-site-verification-required' });
    else expect(result).toEqual({ ok: false, reason: 'not-authorized' });
  });

  it('refuses an unauthorized actor before looking at the state', () => {
    expect(transition(inState('archived'), SAMPLE.dispatch, actors.res, NOW)).toEqual({
      ok: false,
      reason: 'not-authorized',
    });
  });

  it('lets a community workstation act as the command unit of a community-level case', () => {
    const ws: Actor = { userId: 'u-ws', roles: ['workstation_staff'], unitId: COMMUNITY_WS };
    const c: CaseSnapshot = { ...base, level: 'community', commandUnitId: COMMUNITY_WS };
    const { c: dispatched } = run(c, [
      [{ type: 'register' }, ws],
      [{ type: 'dispatch', unitId: COMMUNITY_WS }, ws],
    ]);
    // …and as the handling unit when it dispatched the case to itself.
    expect(transition(dispatched, { type: 'accept' }, ws, NOW)).toMatchObject({ ok: true });
  });

  it('a desk verification is allowed when the matter needs no on-site check', () => {
    const c = { ...inState('handled'), needsOnSiteVerification: false };
    expect(transition(c, { type: 'verify_pass' }, actors.op, NOW)).toMatchObject({
      ok: true,
      next: { state: 'closed' },
    });
    expect(transition(c, { type: 'verify_pass' }, actors.op2, NOW)).toEqual({ ok: false, reason: 'not-authorized' });
  });

  it('the person who gave the feedback cannot verify it', () => {
    const both: Actor = { userId: 'u-h', roles: ['handler', 'grid_worker'], unitId: URBAN };
    expect(transition(inState('handled'), { type: 'verify_pass' }, both, NOW)).toEqual({
      ok: false,
      reason: 'conflict-of-interest',
    });
  });
});

// ── paths through the loop ──────────────────────────────────────────────────────────

describe('happy path 上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价 → 归档', () => {
  it('runs the loop and records each step', () => {
    const reported = reportCase(
      {
        id: 'case-9',
        matterCode: 'CG-0101',
        level: 'town',
        commandUnitId: TOWN_CC,
        reporterUserId: 'u-res',
        needsOnSiteVerification: true,
        channel: 'resident_portal',
      },
      later(-1),
    );
    expect(reported.event).toMatchObject({
      type: 'reported',
      toState: 'reported',
      details: { channel: 'resident_portal' },
    });
    const { c, events } = run(reported.snapshot, [
      [{ type: 'register' }, actors.op],
      [{ type: 'dispatch', unitId: URBAN, assistingUnitIds: [WATER, URBAN], handleDueAt: later(600) }, actors.op],
      [{ type: 'accept' }, actors.h],
      [{ type: 'submit_feedback', text: '已补装井盖', photoIds: ['p-1'] }, actors.h],
      [{ type: 'verify_pass', note: '现场核实已修复' }, actors.gw],
      [{ type: 'rate', rating: 'satisfied', comment: '处理及时' }, actors.res],
      [{ type: 'archive' }, actors.sys],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'registered',
      'dispatched',
      'accepted',
      'feedback_submitted',
      'verification_passed',
      'closed',
      'rated',
      'archived',
    ]);
    expect(c).toMatchObject({
      state: 'archived',
      assignedUnitId: URBAN,
      assistingUnitIds: [WATER], // the lead unit is not also its own assistant
      handleDueAt: later(600),
      feedback: { text: '已补装井盖', byUserId: 'u-h' },
      ratings: [{ rating: 'satisfied', unitAtFault: null, byUserId: 'u-res' }],
      reworkCount: 0,
      returnCount: 0,
      redispatchCount: 0,
      dissatisfiedReopenCount: 0,
    });
    expect(events[1]).toMatchObject({
      actorUserId: 'u-op',
      actorUnitId: TOWN_CC,
      fromState: 'registered',
      toState: 'dispatched',
      at: NOW,
    });
  });

  it('register may correct the matter', () => {
    const result = expectOk(transition(base, { type: 'register', matterCode: 'CG-0102' }, actors.op, NOW));
    expect(result.next.matterCode).toBe('CG-0102');
    expect(result.events[0]?.details).toEqual({ matterCode: 'CG-0102', previousMatterCode: 'CG-0101' });
  });

  it('void records the reason and the case it duplicates', () => {
    const result = expectOk(transition(base, SAMPLE.void, actors.op, NOW));
    expect(result.next).toMatchObject({ state: 'voided', voidReason: '重复上报', duplicateOfCaseId: 'case-0' });
    expect(transition(base, { type: 'void', reason: '  ' }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'text-required',
    });
  });

  it('does not mutate the snapshot it is given', () => {
    const frozen = deepFreeze(structuredClone(inState('accepted')));
    const before = structuredClone(frozen);
    expectOk(transition(frozen, SAMPLE.submit_feedback, actors.h, NOW));
    expect(frozen).toEqual(before);
  });
});

describe('return, review and redispatch (退单 / 改派)', () => {
  const dispatched = inState('dispatched');

  it('an upheld return goes back to the dispatch queue, then to another unit', () => {
    const { c, events } = run(dispatched, [
      [{ type: 'return', reason: '井盖权属自来水公司' }, actors.h],
      [{ type: 'review_return', decision: 'uphold', note: '权属核实无误' }, actors.op],
      [{ type: 'dispatch', unitId: WATER, handleDueAt: later(900) }, actors.op],
      [{ type: 'accept' }, actors.h2],
    ]);
    expect(events.map((e) => e.type)).toEqual(['returned', 'return_upheld', 'dispatched', 'accepted']);
    expect(c).toMatchObject({ state: 'accepted', assignedUnitId: WATER, returnCount: 1, pendingReturn: null });
  });

  it('a rejected return sends the unit straight to handling', () => {
    const { c } = run(dispatched, [
      [{ type: 'return', reason: '不归我单位' }, actors.h],
      [{ type: 'review_return', decision: 'reject', note: '城市道路井盖由城管负责' }, actors.op],
    ]);
    expect(c).toMatchObject({ state: 'accepted', assignedUnitId: URBAN, returnCount: 1, pendingReturn: null });
    // It cannot bounce: a return is possible only before accepting.
    expect(transition(c, { type: 'return', reason: '再退' }, actors.h, NOW)).toEqual({
      ok: false,
      reason: 'not-allowed-in-state',
    });
  });

  it('rejecting a return needs a note; returning needs a reason', () => {
    expect(transition(inState('returned'), { type: 'review_return', decision: 'reject' }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'text-required',
    });
    expect(transition(dispatched, { type: 'return', reason: '' }, actors.h, NOW)).toEqual({
      ok: false,
      reason: 'text-required',
    });
  });

  it('redispatch from a return upholds it in one step and counts a dispatch error', () => {
    const result = expectOk(transition(inState('returned'), SAMPLE.redispatch, actors.op, NOW));
    expect(result.next).toMatchObject({
      state: 'dispatched',
      assignedUnitId: WATER,
      redispatchCount: 1,
      returnCount: 1,
      pendingReturn: null,
    });
    expect(result.events[0]).toMatchObject({
      type: 'redispatched',
      details: { fromUnitId: URBAN, returnUpheld: true },
    });
  });

  it('redispatch moves a case being handled and withdraws a pending extension', () => {
    const c = { ...inState('accepted'), extensions: [pendingExtension] };
    const result = expectOk(transition(c, SAMPLE.redispatch, actors.op, NOW));
    expect(result.next.extensions[0]?.status).toBe('withdrawn');
    expect(result.events.map((e) => e.type)).toEqual(['redispatched', 'extension_withdrawn']);
  });

  it('redispatch to the same unit is refused', () => {
    expect(transition(inState('accepted'), { type: 'redispatch', unitId: URBAN, reason: 'x' }, actors.op, NOW)).toEqual(
      { ok: false, reason: 'same-unit' },
    );
  });

  it('dispatch needs a unit and a due date in the future', () => {
    const registered = inState('registered');
    expect(transition(registered, { type: 'dispatch', unitId: '' }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'unit-required',
    });
    expect(transition(registered, { type: 'dispatch', unitId: URBAN, handleDueAt: NOW }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'due-date-invalid',
    });
  });
});

describe('rework after a failed verification (返工)', () => {
  it('goes back to handling, counts rework and needs new feedback', () => {
    const { c, events } = run(inState('handled'), [
      [{ type: 'verify_fail', reason: '井盖未固定', handleDueAt: later(240) }, actors.gw],
      [{ type: 'submit_feedback', text: '已加装防坠网并固定', photoIds: ['p-3'] }, actors.h],
      [{ type: 'verify_fail', reason: '仍有松动' }, actors.sv],
      [{ type: 'submit_feedback', text: '已更换井座', photoIds: ['p-4'] }, actors.h],
      [{ type: 'verify_pass' }, actors.gw],
    ]);
    expect(c).toMatchObject({ state: 'closed', reworkCount: 2, handleDueAt: later(240) });
    expect(events[0]).toMatchObject({ type: 'verification_failed', toState: 'accepted', details: { reworkCount: 1 } });
  });

  it('clears the failed feedback', () => {
    const result = expectOk(transition(inState('handled'), SAMPLE.verify_fail, actors.gw, NOW));
    expect(result.next.feedback).toBeNull();
  });

  it('a failure needs a reason', () => {
    expect(transition(inState('handled'), { type: 'verify_fail', reason: ' ' }, actors.gw, NOW)).toEqual({
      ok: false,
      reason: 'text-required',
    });
  });

  it('feedback on an on-site matter needs a photo', () => {
    expect(
      transition(inState('accepted'), { type: 'submit_feedback', text: '已处理', photoIds: [] }, actors.h, NOW),
    ).toEqual({
      ok: false,
      reason: 'photos-required',
    });
    const deskMatter = { ...inState('accepted'), needsOnSiteVerification: false };
    expect(
      transition(deskMatter, { type: 'submit_feedback', text: '已电话答复', photoIds: [] }, actors.h, NOW),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('dissatisfied rating reopens the case once (default: only when the unit is at fault)', () => {
  const closed = inState('closed');
  const dissatisfiedAtFault: Command = {
    type: 'rate',
    rating: 'dissatisfied',
    unitAtFault: true,
    comment: '井盖仍晃动',
  };

  it('the first dissatisfied callback with the unit at fault reopens; the second does not', () => {
    const first = expectOk(transition(closed, { ...dissatisfiedAtFault, handleDueAt: later(480) }, actors.op, NOW));
    expect(first.next).toMatchObject({
      state: 'accepted',
      dissatisfiedReopenCount: 1,
      feedback: null,
      handleDueAt: later(480),
    });
    expect(first.events.map((e) => e.type)).toEqual(['rated', 'reopened']);
    const { c } = run(first.next, [
      [SAMPLE.submit_feedback, actors.h],
      [SAMPLE.verify_pass, actors.gw],
      [dissatisfiedAtFault, actors.op],
    ]);
    expect(c).toMatchObject({ state: 'rated', dissatisfiedReopenCount: 1 });
    expect(c.ratings.map((r) => r.rating)).toEqual(['dissatisfied', 'dissatisfied']);
  });

  it('does not reopen when the unit was not at fault', () => {
    const result = expectOk(
      transition(closed, { type: 'rate', rating: 'dissatisfied', unitAtFault: false }, actors.op, NOW),
    );
    expect(result.next).toMatchObject({ state: 'rated', dissatisfiedReopenCount: 0 });
  });

  it('a resident cannot declare fault, so their dissatisfied rating is recorded without reopening', () => {
    const result = expectOk(transition(closed, { ...dissatisfiedAtFault }, actors.res, NOW));
    expect(result.next).toMatchObject({ state: 'rated', ratings: [{ rating: 'dissatisfied', unitAtFault: null }] });
  });

  it('a policy without the fault condition reopens on any first dissatisfied rating', () => {
    const policy = { ...DEFAULT_WORKFLOW_POLICY, dissatisfiedReopen: { maxReopens: 1, onlyWhenUnitAtFault: false } };
    const result = expectOk(transition(closed, { type: 'rate', rating: 'dissatisfied' }, actors.res, NOW, policy));
    expect(result.next.state).toBe('accepted');
  });

  it('every reporter of a merged case rates once; later ratings are kept and settle nothing', () => {
    const merged: CaseSnapshot = { ...closed, reporterUserIds: ['u-res', 'u-res2'] };
    const first = expectOk(transition(merged, { type: 'rate', rating: 'satisfied' }, actors.res, NOW)).next;
    expect(first.state).toBe('rated');
    expect(reporterMayRate(first, 'u-res')).toBe(false);
    expect(reporterMayRate(first, 'u-res2')).toBe(true);

    const second = expectOk(transition(first, { ...dissatisfiedAtFault }, actors.res2, NOW));
    expect(second.next).toMatchObject({ state: 'rated', dissatisfiedReopenCount: 0 });
    expect(second.next.ratings.at(-1)).toMatchObject({
      rating: 'dissatisfied',
      unitAtFault: null,
      byUserId: 'u-res2',
      additional: true,
    });
    expect(second.events).toEqual([
      expect.objectContaining({ type: 'rated', fromState: 'rated', toState: 'rated', details: expect.anything() }),
    ]);

    // Once each: the same reporter again, and the desk once the callback is settled.
    for (const actor of [actors.res, actors.res2, actors.op])
      expect(transition(second.next, { type: 'rate', rating: 'satisfied' }, actor, NOW)).toEqual({
        ok: false,
        reason: 'already-rated',
      });
    // A resident who did not report it is no reporter at all.
    const stranger: Actor = { userId: 'u-res3', roles: ['resident'], unitId: null };
    expect(transition(second.next, { type: 'rate', rating: 'satisfied' }, stranger, NOW)).toEqual({
      ok: false,
      reason: 'not-authorized',
    });
  });

  it('a case reopened and closed again waits for a new rating from its reporters', () => {
    const first = expectOk(transition(closed, { ...dissatisfiedAtFault }, actors.op, NOW)).next;
    const { c: closedAgain } = run(first, [
      [SAMPLE.submit_feedback, actors.h],
      [SAMPLE.verify_pass, actors.gw],
    ]);
    const rated = expectOk(transition(closedAgain, { type: 'rate', rating: 'satisfied' }, actors.res, NOW)).next;
    expect(rated.ratings.map((r) => [r.byUserId, r.additional ?? false])).toEqual([
      ['u-op', false],
      ['u-res', false],
    ]);
    expect(reporterMayRate(rated, 'u-res')).toBe(false);
  });

  it('basically satisfied closes the loop', () => {
    const result = expectOk(transition(closed, { type: 'rate', rating: 'basically_satisfied' }, actors.op, NOW));
    expect(result.next.state).toBe('rated');
  });

  it('a closed case may be archived unrated (no callback possible)', () => {
    expect(transition(closed, { type: 'archive' }, actors.sys, NOW)).toMatchObject({
      ok: true,
      next: { state: 'archived' },
    });
  });
});

describe('hold and resume (挂账)', () => {
  it('returns to the state it was held from and moves the due date', () => {
    const { c, events } = run(inState('accepted'), [
      [{ type: 'hold', reason: '需列入年度维修计划', reviewAt: later(60 * 24 * 30) }, actors.op],
      [{ type: 'resume', handleDueAt: later(3000) }, actors.op, later(60)],
    ]);
    expect(c).toMatchObject({ state: 'accepted', hold: null, handleDueAt: later(3000) });
    expect(events.map((e) => [e.type, e.toState])).toEqual([
      ['held', 'on_hold'],
      ['resumed', 'accepted'],
    ]);
    expect(events[1]?.details.heldSince).toBe(NOW.toISOString());
  });

  it('a registered case resumes to registered', () => {
    const { c } = run(inState('registered'), [
      [{ type: 'hold', reason: '等待法院判决', reviewAt: later(60 * 24 * 7) }, actors.op],
      [{ type: 'resume' }, actors.op],
    ]);
    expect(c.state).toBe('registered');
  });

  it('a hold needs a reason and a review date after now; nothing but resume and supervise moves a held case', () => {
    expect(transition(inState('accepted'), { type: 'hold', reason: '', reviewAt: later(60) }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'text-required',
    });
    for (const reviewAt of [NOW, later(-60), new Date(Number.NaN)]) {
      expect(transition(inState('accepted'), { type: 'hold', reason: '等待资金', reviewAt }, actors.op, NOW)).toEqual({
        ok: false,
        reason: 'review-date-invalid',
      });
    }
    const held = transition(
      inState('accepted'),
      { type: 'hold', reason: '等待资金', reviewAt: later(60) },
      actors.op,
      NOW,
    );
    expect(held).toMatchObject({ ok: true, next: { hold: { reviewAt: later(60) } } });
    expect(transition(inState('on_hold'), SAMPLE.submit_feedback, actors.h, NOW)).toEqual({
      ok: false,
      reason: 'not-allowed-in-state',
    });
  });
});

describe('extensions (延期)', () => {
  const accepted = inState('accepted'); // due later(600)

  it('request → approve moves the due date and keeps the record', () => {
    const { c, events } = run(accepted, [
      [SAMPLE.request_extension, actors.h],
      [{ type: 'approve_extension', newDueAt: later(1500), note: '同意' }, actors.op],
    ]);
    expect(c.handleDueAt).toEqual(later(1500));
    expect(c.extensions).toEqual([
      expect.objectContaining({
        status: 'approved',
        previousDueAt: later(600),
        newDueAt: later(1500),
        decidedByUserId: 'u-op',
      }),
    ]);
    expect(events.map((e) => [e.type, e.toState])).toEqual([
      ['extension_requested', 'accepted'],
      ['extension_approved', 'accepted'],
    ]);
  });

  it('one request at a time', () => {
    const { c } = run(accepted, [[SAMPLE.request_extension, actors.h]]);
    expect(transition(c, SAMPLE.request_extension, actors.h, NOW)).toEqual({ ok: false, reason: 'extension-pending' });
  });

  it('at most two approved extensions by default', () => {
    const { c } = run(accepted, [
      [SAMPLE.request_extension, actors.h],
      [{ type: 'approve_extension', newDueAt: later(1000) }, actors.op],
      [SAMPLE.request_extension, actors.h],
      [{ type: 'approve_extension', newDueAt: later(1400) }, actors.op],
    ]);
    expect(transition(c, SAMPLE.request_extension, actors.h, NOW)).toEqual({
      ok: false,
      reason: 'extension-limit-reached',
    });
  });

  it('a rejected request does not count towards the limit and needs a note', () => {
    const { c: pending } = run(accepted, [[SAMPLE.request_extension, actors.h]]);
    expect(transition(pending, { type: 'reject_extension', note: '' }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'text-required',
    });
    const { c } = run(pending, [[SAMPLE.reject_extension, actors.op]]);
    expect(c.extensions[0]?.status).toBe('rejected');
    expect(c.handleDueAt).toEqual(later(600));
    expect(transition(c, SAMPLE.request_extension, actors.h, NOW)).toMatchObject({ ok: true });
  });

  it('must be asked for before the limit expires', () => {
    expect(transition(accepted, SAMPLE.request_extension, actors.h, later(601))).toEqual({
      ok: false,
      reason: 'time-limit-expired',
    });
  });

  it('refuses a zero extension, a decision with nothing pending, and a due date that does not move forward', () => {
    expect(
      transition(
        accepted,
        { type: 'request_extension', extra: { unit: 'working_hours', amount: 0 }, reason: 'x' },
        actors.h,
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'invalid-duration' });
    expect(transition(accepted, SAMPLE.approve_extension, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'no-pending-extension',
    });
    const { c } = run(accepted, [[SAMPLE.request_extension, actors.h]]);
    expect(transition(c, { type: 'approve_extension', newDueAt: later(500) }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'due-date-invalid',
    });
  });

  it('feedback withdraws a pending request', () => {
    const { c, events } = run(accepted, [
      [SAMPLE.request_extension, actors.h],
      [SAMPLE.submit_feedback, actors.h],
    ]);
    expect(c.extensions[0]?.status).toBe('withdrawn');
    expect(events.map((e) => e.type)).toEqual(['extension_requested', 'feedback_submitted', 'extension_withdrawn']);
  });
});

describe('supervision (督办)', () => {
  it('flags without changing the state', () => {
    const { c, events } = run(inState('accepted'), [
      [{ type: 'supervise', note: '即将超期，请加快办理' }, actors.leader],
      [{ type: 'supervise' }, actors.sys, later(60)],
    ]);
    expect(c).toMatchObject({ state: 'accepted', supervisionCount: 2, lastSupervisedAt: later(60) });
    expect(events.every((e) => e.fromState === 'accepted' && e.toState === 'accepted')).toBe(true);
  });
});

describe('escalation (community → town → city)', () => {
  const ws: Actor = { userId: 'u-ws', roles: ['workstation_staff'], unitId: COMMUNITY_WS };
  const communityCase: CaseSnapshot = {
    ...inState('accepted'),
    level: 'community',
    commandUnitId: COMMUNITY_WS,
    extensions: [pendingExtension],
  };

  it('climbs one level at a time, back to registered at the new command unit', () => {
    const first = expectOk(
      transition(communityCase, { type: 'escalate', reason: '社区无法协调', toCommandUnitId: TOWN_CC }, ws, NOW),
    );
    expect(first.next).toMatchObject({
      state: 'registered',
      level: 'town',
      commandUnitId: TOWN_CC,
      assignedUnitId: null,
      handleDueAt: null,
      escalationCount: 1,
    });
    expect(first.next.extensions[0]?.status).toBe('withdrawn');
    expect(first.events.map((e) => e.type)).toEqual(['escalated', 'extension_withdrawn']);
    expect(first.events[0]?.details).toMatchObject({ fromLevel: 'community', toLevel: 'town' });

    // The community has let go; the town now dispatches, or climbs again.
    expect(transition(first.next, SAMPLE.dispatch, ws, NOW)).toEqual({ ok: false, reason: 'not-authorized' });
    const second = expectOk(transition(first.next, SAMPLE.escalate, actors.op, NOW));
    expect(second.next).toMatchObject({ level: 'city', commandUnitId: CITY_CC, escalationCount: 2 });

    const cityOperator: Actor = { userId: 'u-city', roles: ['operator'], unitId: CITY_CC };
    expect(
      transition(second.next, { type: 'escalate', reason: 'x', toCommandUnitId: 'elsewhere' }, cityOperator, NOW),
    ).toEqual({ ok: false, reason: 'already-top-level' });
    expect(transition(second.next, SAMPLE.dispatch, cityOperator, NOW)).toMatchObject({ ok: true });
  });

  it('needs a reason and a different command unit', () => {
    expect(
      transition(inState('registered'), { type: 'escalate', reason: '', toCommandUnitId: CITY_CC }, actors.op, NOW),
    ).toEqual({ ok: false, reason: 'text-required' });
    expect(
      transition(inState('registered'), { type: 'escalate', reason: 'x', toCommandUnitId: TOWN_CC }, actors.op, NOW),
    ).toEqual({ ok: false, reason: 'same-unit' });
  });
});

describe('whistle (街乡吹哨、部门报到)', () => {
  it('summons units, tracks each arrival and part, and holds feedback until all are done', () => {
    const accepted = inState('accepted');
    const arriveBy = later(30);
    const police: Actor = actors.hs;
    const market: Actor = { userId: 'u-mk', roles: ['handler'], unitId: MARKET };

    const { c: summoned, events: blown } = run(accepted, [
      [{ type: 'whistle', unitIds: [POLICE, MARKET, POLICE], arriveBy, note: '占道经营联合整治' }, actors.op],
    ]);
    expect(summoned.state).toBe('accepted');
    expect(summoned.whistle?.units.map((u) => u.unitId)).toEqual([POLICE, MARKET]);
    expect(blown[0]).toMatchObject({ type: 'whistle_blown', details: { unitIds: [POLICE, MARKET] } });
    expect(transition(summoned, SAMPLE.submit_feedback, actors.h, NOW)).toEqual({
      ok: false,
      reason: 'summoned-units-outstanding',
    });

    expect(transition(summoned, SAMPLE.record_part, police, NOW)).toEqual({ ok: false, reason: 'not-arrived' });
    const { c: arrived, events } = run(summoned, [
      [{ type: 'report_arrival' }, police, later(20)],
      [{ type: 'report_arrival' }, market, later(45)],
      [{ type: 'record_part', text: '现场维持秩序，劝离摊贩' }, police, later(90)],
    ]);
    expect(events.map((e) => [e.type, e.details.late])).toEqual([
      ['unit_arrived', false],
      ['unit_arrived', true],
      ['unit_part_recorded', undefined],
    ]);
    expect(transition(arrived, { type: 'report_arrival' }, police, NOW)).toEqual({
      ok: false,
      reason: 'already-arrived',
    });
    expect(transition(arrived, SAMPLE.submit_feedback, actors.h, NOW)).toEqual({
      ok: false,
      reason: 'summoned-units-outstanding',
    });

    const { c: done } = run(arrived, [
      [{ type: 'record_part', text: '暂扣经营工具 3 件' }, market, later(100)],
      [SAMPLE.submit_feedback, actors.h, later(120)],
    ]);
    expect(done.state).toBe('handled');
    expect(done.whistle?.units).toEqual([
      expect.objectContaining({ unitId: POLICE, arrivedAt: later(20), part: '现场维持秩序，劝离摊贩' }),
      expect.objectContaining({ unitId: MARKET, arrivedAt: later(45), part: '暂扣经营工具 3 件' }),
    ]);
  });

  it('only a town blows the whistle', () => {
    const communityCase = { ...inState('accepted'), level: 'community' as const };
    expect(transition(communityCase, SAMPLE.whistle, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'whistle-needs-town-level',
    });
  });

  it('refuses a unit summoned twice, an empty list, and a deadline in the past', () => {
    const { c } = run(inState('accepted'), [[SAMPLE.whistle, actors.op]]);
    expect(transition(c, { type: 'whistle', unitIds: [POLICE], arriveBy: later(30) }, actors.op, NOW)).toEqual({
      ok: false,
      reason: 'already-summoned',
    });
    const more = expectOk(transition(c, { type: 'whistle', unitIds: [WATER], arriveBy: later(60) }, actors.op, NOW));
    expect(more.next.whistle?.units.map((u) => u.unitId)).toEqual([POLICE, MARKET, WATER]);
    expect(
      transition(inState('accepted'), { type: 'whistle', unitIds: [], arriveBy: later(30) }, actors.op, NOW),
    ).toEqual({
      ok: false,
      reason: 'unit-required',
    });
    expect(
      transition(inState('accepted'), { type: 'whistle', unitIds: [POLICE], arriveBy: NOW }, actors.op, NOW),
    ).toEqual({
      ok: false,
      reason: 'due-date-invalid',
    });
  });

  it('a unit that was not summoned cannot report arrival', () => {
    const { c } = run(inState('accepted'), [[SAMPLE.whistle, actors.op]]);
    expect(transition(c, { type: 'report_arrival' }, actors.h2, NOW)).toEqual({ ok: false, reason: 'not-authorized' });
  });
});

describe('clockStage', () => {
  it('names the running clock of every state', () => {
    expect(Object.fromEntries(CASE_STATES.map((s) => [s, clockStage(s)]))).toEqual({
      reported: 'register',
      registered: 'dispatch',
      voided: null,
      dispatched: 'handle',
      accepted: 'handle',
      returned: 'dispatch',
      handled: 'verify',
      closed: 'callback',
      rated: null,
      archived: null,
      on_hold: null,
    });
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
