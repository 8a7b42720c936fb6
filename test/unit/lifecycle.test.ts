import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  isIndependentVerifier,
  NO_RELATIONS,
  PROBLEM_ACTIONS,
  PROBLEM_STATUSES,
  refusal,
  statusAfter,
  TRANSITIONS,
  type Relations,
} from '../../src/domain/problem/lifecycle.js';

const as = (party: keyof Relations): Relations => ({ ...NO_RELATIONS, [party]: true });
const dated = (status: (typeof PROBLEM_STATUSES)[number]) => ({ status, deadlineKind: 'date' as const });

describe('transition table', () => {
  it('names only known statuses', () => {
    for (const [action, spec] of Object.entries(TRANSITIONS)) {
      for (const s of spec.from) expect(PROBLEM_STATUSES, action).toContain(s);
      if (spec.to) expect(PROBLEM_STATUSES, action).toContain(spec.to);
      expect(spec.by.length, action).toBeGreaterThan(0);
    }
  });

  it('walks the whole loop from registration to 已销号 with the right party at each step', () => {
    const path: [string, keyof Relations, string?][] = [
      ['assign', 'coordinator'],
      ['acknowledge', 'leadHandler'],
      ['report_progress', 'rectifyingHandler'],
      ['submit_self_check', 'leadHead'],
      ['start_verification', 'coordinator'],
      ['record_verification', 'assignedVerifier', 'pass'],
      ['end_notice', 'system'],
      ['archive', 'coordinator'],
      ['file', 'coordinator'],
    ];
    let status: (typeof PROBLEM_STATUSES)[number] = 'registered';
    for (const [action, party, outcome] of path) {
      const a = action as (typeof PROBLEM_ACTIONS)[number];
      expect(refusal(a, dated(status), as(party)), `${action} from ${status}`).toBeNull();
      status = statusAfter(a, dated(status), outcome as 'pass');
    }
    expect(status).toBe('closed');
  });

  it('sends a failed verification back to rectifying and an upheld objection back to verification', () => {
    expect(statusAfter('record_verification', dated('verifying'), 'fail')).toBe('rectifying');
    expect(statusAfter('decide_objection', dated('public_notice'), 'upheld')).toBe('verifying');
    expect(statusAfter('decide_objection', dated('public_notice'), 'dismissed')).toBe('public_notice');
    expect(statusAfter('reopen', dated('closed'))).toBe('rectifying');
  });

  it('refuses every action from every status it does not start from', () => {
    for (const action of PROBLEM_ACTIONS) {
      for (const status of PROBLEM_STATUSES) {
        const everyone: Relations = { coordinator: true, leadHandler: true, leadHead: true, rectifyingHandler: true, rectifyingMember: true, assignedVerifier: true, lookbackChecker: true, system: true };
        const expected = TRANSITIONS[action].from.includes(status) ? null : 'wrong_status';
        const got = refusal(action, { status, deadlineKind: 'date' }, everyone);
        expect(got === null ? null : got === 'wrong_status' ? 'wrong_status' : null, `${action} from ${status}`).toBe(expected);
      }
    }
  });

  it('refuses every action to a party it does not name', () => {
    for (const action of PROBLEM_ACTIONS) {
      const spec = TRANSITIONS[action];
      const status = spec.from[0]!;
      const kind = spec.deadlineKinds?.[0] ?? 'date';
      for (const party of Object.keys(NO_RELATIONS) as (keyof Relations)[]) {
        const allowed = (spec.by as readonly string[]).includes(party);
        expect(refusal(action, { status, deadlineKind: kind }, as(party)), `${action} by ${party}`).toBe(allowed ? null : 'not_your_part');
      }
    }
  });

  it('never lets the rectifying unit verify or close its own problem', () => {
    for (const party of ['leadHandler', 'leadHead', 'rectifyingHandler', 'rectifyingMember'] as const) {
      for (const action of ['start_verification', 'record_verification', 'end_notice', 'archive', 'file', 'decide_objection'] as const) {
        expect(refusal(action, dated(TRANSITIONS[action].from[0]!), as(party))).toBe('not_your_part');
      }
    }
  });

  it('keeps 长期坚持 problems out of the closing steps and 阶段性完成 to them', () => {
    expect(refusal('submit_self_check', { status: 'rectifying', deadlineKind: 'ongoing' }, as('leadHead'))).toBe('wrong_deadline_kind');
    expect(refusal('request_extension', { status: 'rectifying', deadlineKind: 'ongoing' }, as('leadHandler'))).toBe('wrong_deadline_kind');
    expect(refusal('mark_phase_done', { status: 'rectifying', deadlineKind: 'ongoing' }, as('coordinator'))).toBeNull();
    expect(refusal('mark_phase_done', { status: 'rectifying', deadlineKind: 'date' }, as('coordinator'))).toBe('wrong_deadline_kind');
    expect(refusal('submit_self_check', { status: 'rectifying', deadlineKind: 'immediate' }, as('leadHead'))).toBeNull();
  });
});

describe('allowedActions', () => {
  it('shows a coordinator what a coordinator may do now', () => {
    expect(allowedActions(dated('registered'), as('coordinator'))).toEqual(['edit', 'assign']);
    expect(allowedActions(dated('public_notice'), as('coordinator'))).toEqual(['record_objection', 'decide_objection', 'end_notice']);
    expect(allowedActions(dated('closed'), as('coordinator'))).toEqual(['reopen']);
  });

  it('shows the lead unit its own steps only', () => {
    expect(allowedActions(dated('assigned'), as('leadHandler'))).toEqual(['acknowledge', 'request_extension']);
    expect(allowedActions(dated('rectifying'), as('leadHead'))).toEqual(['report_progress', 'request_extension', 'submit_self_check']);
    expect(allowedActions(dated('rectifying'), as('rectifyingHandler'))).toEqual(['report_progress']);
    expect(allowedActions(dated('verifying'), as('leadHandler'))).toEqual([]);
  });

  it('shows nothing to a bystander', () => {
    for (const status of PROBLEM_STATUSES) expect(allowedActions(dated(status), NO_RELATIONS)).toEqual([]);
  });
});

describe('isIndependentVerifier', () => {
  const rectifying = [
    { id: 5, path: '/1/5/' },
    { id: 9, path: '/1/9/' },
  ];
  it('accepts a verifier from another unit', () => {
    expect(isIndependentVerifier(3, '/1/3/', rectifying)).toBe(true);
    expect(isIndependentVerifier(55, '/1/55/', rectifying)).toBe(true);
  });
  it('refuses a verifier from a rectifying unit or below it', () => {
    expect(isIndependentVerifier(5, '/1/5/', rectifying)).toBe(false);
    expect(isIndependentVerifier(12, '/1/9/12/', rectifying)).toBe(false);
  });
});

describe('decisions need something pending', () => {
  const none = { reports: false, extensions: false, objections: false };
  it('offers 退回, 审批延期 and 处理异议 only when a report, a request or an objection waits', () => {
    const rectifying = { status: 'rectifying' as const, deadlineKind: 'date' as const };
    expect(allowedActions({ ...rectifying, pending: none }, as('coordinator'))).toEqual(['edit']);
    expect(allowedActions({ ...rectifying, pending: { ...none, reports: true, extensions: true } }, as('coordinator'))).toEqual(['edit', 'return_report', 'decide_extension']);
    const notice = { status: 'public_notice' as const, deadlineKind: 'date' as const };
    expect(refusal('decide_objection', { ...notice, pending: none }, as('coordinator'))).toBe('nothing_pending');
    expect(refusal('decide_objection', { ...notice, pending: { ...none, objections: true } }, as('coordinator'))).toBeNull();
  });
  it('checks status and party before anything pending', () => {
    expect(refusal('return_report', { status: 'closed', deadlineKind: 'date', pending: none }, as('coordinator'))).toBe('wrong_status');
    expect(refusal('return_report', { status: 'rectifying', deadlineKind: 'date', pending: none }, as('leadHandler'))).toBe('not_your_part');
  });
});
