import { createHash } from 'node:crypto';
import type { ApprovalPolicy } from '../approval/approval-policy';
import type { Approver } from '../approval/review-round';
import { DEFAULT_POLICY } from '../approval/testing/policies';
import type { Actor, ExistingProposal, ProposalCommand, ProposalEvent, StepDecisionInput } from './proposal';
import { proposalDecider } from './proposal-decider';
import { InvalidStepDecision } from './refusals';
import { deciderSpec } from './testing/decider-spec';
import { AT, LATER, PARTY, content, proposer, registerWithUnits } from './testing/proposal-fixtures';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ID = 'proposal-1';
const TODAY = '2024-03-01'; // a Friday

function specWith(policy: ApprovalPolicy = DEFAULT_POLICY) {
  let next = 0;
  return deciderSpec(proposalDecider({ sha256Hex, register: registerWithUnits(), approval: { policy, newId: () => `id-${++next}` } }));
}
let spec = specWith();
beforeEach(() => {
  spec = specWith();
});

const doha: Approver = { id: 'doha.1', roles: ['doha_appraiser'] };
const party: Approver = { id: 'party.1', roles: ['party_standing_board'] };
const ppc: Approver = { id: 'ppc.1', roles: ['ppc_leader'] };
const DECISION = { number: '123/QĐ-UBND', date: '2024-06-20', effectiveDate: '2024-07-01', signer: 'Chủ tịch UBND tỉnh' };
const partyProposer: Actor = { id: 'tran.thi.p', governingBodyIds: [PARTY] };

const create = (overrides = {}, actor = proposer): ProposalCommand => ({ type: 'CreateProposal', data: { proposalId: ID, content: content(overrides), actor, at: AT } });
const amend = (expectedDossierVersion: number, overrides = {}): ProposalCommand => ({
  type: 'AmendProposal',
  data: { proposalId: ID, expectedDossierVersion, content: content(overrides), actor: proposer, at: LATER },
});
const submit = (actor = proposer, today = TODAY, holidays: string[] = []): ProposalCommand => ({ type: 'SubmitProposal', data: { proposalId: ID, actor, at: LATER, today, holidays } });
const decide = (stepId: string, input: Partial<StepDecisionInput>, approver: Approver, today = '2024-03-11'): ProposalCommand => ({
  type: 'DecideStep',
  data: { proposalId: ID, stepId, input: { outcome: 'APPROVE', dossierVersion: 1, ...input }, approver, at: `${today}T03:00:00.000Z`, today, holidays: [] },
});
const withdraw = (): ProposalCommand => ({ type: 'WithdrawProposal', data: { proposalId: ID, reason: 'Chờ chủ trương mới', actor: proposer, at: LATER } });
const overdue = (stepId: string, today: string): ProposalCommand => ({ type: 'MarkStepOverdue', data: { proposalId: ID, stepId, at: `${today}T01:00:00.000Z`, today } });

/** The history left by accepted commands, one after the other. */
function history(...commands: ProposalCommand[]): ProposalEvent[] {
  return commands.reduce<ProposalEvent[]>((events, command) => [...events, ...spec.given(...events).when(command).events], []);
}
const then = (events: ProposalEvent[], command: ProposalCommand) => [...events, ...spec.given(...events).when(command).events];
/** Through the whole default government chain to APPROVED. */
function fullyApproved(): ProposalEvent[] {
  let events = history(create(), submit());
  const [s1, s2, s3] = stepIds(events);
  events = then(then(events, decide(s1, {}, doha)), decide(s2, {}, party));
  return then(events, decide(s3, { decision: DECISION }, ppc));
}
const stateAfter = (events: ProposalEvent[]) => spec.given(...events).when(overdue('none', '2000-01-01')).state as ExistingProposal;
const stepsOf = (events: ProposalEvent[]) => stateAfter(events).rounds.at(-1)?.steps ?? [];
const stepIds = (events: ProposalEvent[]) => stepsOf(events).map((s) => s.stepId);

/** The violations of a decision refused as a bad body (400). */
function invalid(events: ProposalEvent[], command: ProposalCommand): string[] {
  try {
    spec.given(...events).when(command);
  } catch (error) {
    if (error instanceof InvalidStepDecision) return error.violations.map((v) => v.code);
    throw error;
  }
  throw new Error('the decision was not refused as invalid');
}

describe('proposal approval (submission, sign-off, withdrawal)', () => {
  describe('SubmitProposal', () => {
    it('freezes the policy chain into round 1: first step PENDING and due in 10 working days, the rest WAITING', () => {
      const drafted = history(create());
      const hash = stateAfter(drafted).dossierHash;
      const result = spec.given(...drafted).when(submit());
      expect(result.events).toEqual([
        {
          type: 'ProposalSubmitted',
          data: {
            proposalId: ID,
            round: 1,
            submittedBy: proposer.id,
            submittedAt: LATER,
            dossierVersion: 1,
            dossierHash: hash,
            policy: { id: 'default', version: 1 },
            chain: 'government',
            decisionIssuer: 'UBND tỉnh',
            steps: [
              { stepId: 'id-1', name: 'Thẩm định của Sở Nội vụ', role: 'doha_appraiser', deadlineWorkingDays: 10, dueDate: '2024-03-15' },
              { stepId: 'id-2', name: 'Ý kiến của Ban Thường vụ Tỉnh ủy', role: 'party_standing_board', deadlineWorkingDays: 10 },
              { stepId: 'id-3', name: 'Quyết định của UBND tỉnh', role: 'ppc_leader', deadlineWorkingDays: 7 },
            ],
          },
        },
      ]);
      expect(result.state).toMatchObject({ status: 'IN_REVIEW', currentStepId: 'id-1' });
      expect(stepsOf([...drafted, ...result.events]).map((s) => s.status)).toEqual(['PENDING', 'WAITING', 'WAITING']);
    });

    it('leaves the Party step out of a rename-only chain', () => {
      const events = history(create({ operations: [{ type: 'RENAME', unitId: 'unit-h1', newName: 'Bệnh viện tỉnh' }] }), submit());
      expect(stepsOf(events).map((s) => s.role)).toEqual(['doha_appraiser', 'ppc_leader']);
    });

    it('sends a Party/mass proposal to the Party Standing Board alone', () => {
      const newUnit = { code: 'P1', name: 'Trung tâm Bồi dưỡng chính trị', governingBodyId: PARTY, level: 'PROVINCE', sector: 'OTHER', autonomyGroup: 'G4', staffingQuota: 20 } as const;
      const events = history(create({ governingBodyId: PARTY, operations: [{ type: 'ESTABLISH', unit: newUnit }] }, partyProposer), submit(partyProposer));
      expect(stepsOf(events).map((s) => s.role)).toEqual(['party_standing_board']);
      expect(stateAfter(events).rounds[0]).toMatchObject({ chain: 'party-mass', decisionIssuer: 'Ban Thường vụ Tỉnh ủy' });
    });

    it('counts the deadline in working days, skipping the holidays given', () => {
      const events = history(create(), submit(proposer, '2025-01-20', ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']));
      expect(stepsOf(events)[0].dueDate).toBe('2025-02-10');
    });

    it('refuses with RULE_VIOLATION when an operation cannot apply to the register on the proposed date (nothing is recorded)', () => {
      const result = spec.given(...history(create({ proposedEffectiveDate: '2017-06-01' }))).when(submit());
      expect(result.refused.kind).toBe('RULE_VIOLATION');
      expect(result.refused.violations.map((v) => [v.code, v.operationIndex])).toContainEqual(['UNIT_NOT_ACTIVE', 0]);
    });

    it('refuses a reorganisation that breaks a rule of Decree 120 (quota must not increase)', () => {
      const result = spec.given(...history(create({ operations: [{ type: 'ABSORB', targetUnitId: 'unit-h1', sourceUnitIds: ['unit-h2'], staffingQuotaAfter: 99 }] }))).when(submit());
      expect(result.refused).toEqual({ kind: 'RULE_VIOLATION', violations: [expect.objectContaining({ code: 'QUOTA_MUST_NOT_INCREASE', operationIndex: 0 })] });
    });

    it('refuses with NO_APPROVAL_CHAIN when the policy has no chain for the proposal', () => {
      spec = specWith({ ...DEFAULT_POLICY, chains: [DEFAULT_POLICY.chains[1]] });
      expect(spec.given(...history(create())).when(submit()).refused).toEqual({ kind: 'RULE_VIOLATION', violations: [{ code: 'NO_APPROVAL_CHAIN' }] });
    });

    it('refuses to submit twice (INVALID_STATE), and an unknown or invisible proposal (NOT_FOUND)', () => {
      expect(spec.given(...history(create(), submit())).when(submit()).refused.kind).toBe('INVALID_STATE');
      expect(spec.given().when(submit()).refused.kind).toBe('NOT_FOUND');
      expect(spec.given(...history(create())).when(submit(partyProposer)).refused.kind).toBe('NOT_FOUND');
    });

    it('refuses to submit a withdrawn proposal (INVALID_STATE)', () => {
      expect(spec.given(...history(create(), withdraw())).when(submit()).refused.kind).toBe('INVALID_STATE');
    });
  });

  describe('DecideStep: APPROVE', () => {
    it('signs the pending step, binding dossier version and hash, and opens the next step with its due date', () => {
      const submitted = history(create(), submit());
      const [s1, s2] = stepIds(submitted);
      const { dossierHash } = stateAfter(submitted);
      const result = spec.given(...submitted).when(decide(s1, { comment: 'Đồng ý' }, doha));
      expect(result.events).toEqual([
        {
          type: 'StepApproved',
          data: {
            proposalId: ID,
            round: 1,
            stepId: s1,
            decidedBy: 'doha.1',
            role: 'doha_appraiser',
            decidedAt: '2024-03-11T03:00:00.000Z',
            comment: 'Đồng ý',
            dossierVersion: 1,
            dossierHash,
            nextStepId: s2,
            nextStepDueDate: '2024-03-25',
          },
        },
      ]);
      expect(result.state).toMatchObject({ status: 'IN_REVIEW', currentStepId: s2 });
      expect(stepsOf([...submitted, ...result.events]).map((s) => [s.status, s.decidedBy, s.dueDate])).toEqual([
        ['APPROVED', 'doha.1', '2024-03-15'],
        ['PENDING', undefined, '2024-03-25'],
        ['WAITING', undefined, undefined],
      ]);
    });

    it('the final approval carries the decision, issued by the chain’s issuer unless another is named', () => {
      const submitted = history(create(), submit());
      const [s1, s2, s3] = stepIds(submitted);
      const before = then(then(submitted, decide(s1, {}, doha)), decide(s2, {}, party));
      const result = spec.given(...before).when(decide(s3, { decision: DECISION }, ppc));
      expect(result.events.map((e) => e.type)).toEqual(['StepApproved', 'ProposalApproved']);
      expect(result.events[0].data).not.toHaveProperty('nextStepId');
      expect(result.events[1]).toEqual({
        type: 'ProposalApproved',
        data: { proposalId: ID, round: 1, approvedBy: 'ppc.1', approvedAt: '2024-03-11T03:00:00.000Z', dossierVersion: 1, dossierHash: stateAfter(before).dossierHash, decision: { ...DECISION, issuer: 'UBND tỉnh' } },
      });
      expect(result.state).toMatchObject({ status: 'APPROVED', decision: { ...DECISION, issuer: 'UBND tỉnh' }, approval: { by: 'ppc.1' } });
      const named = spec.given(...before).when(decide(s3, { decision: { ...DECISION, issuer: 'Ủy ban nhân dân tỉnh Lâm Đồng' } }, ppc));
      expect(named.state).toMatchObject({ decision: { issuer: 'Ủy ban nhân dân tỉnh Lâm Đồng' } });
    });

    it('follows the chain frozen at submission, even when the policy in force has changed since', () => {
      const submitted = history(create(), submit());
      const [s1, s2, s3] = stepIds(submitted);
      const extraStep = { name: 'Ý kiến của Sở Tài chính', role: 'doha_appraiser' as const, deadlineWorkingDays: 5 };
      const v2: ApprovalPolicy = { ...DEFAULT_POLICY, version: 2, chains: [{ ...DEFAULT_POLICY.chains[0], steps: [...DEFAULT_POLICY.chains[0].steps, extraStep] }, DEFAULT_POLICY.chains[1]] };
      spec = specWith(v2);
      const approved = spec.given(...submitted).when(decide(s1, {}, doha));
      expect(approved.events[0].data).toMatchObject({ nextStepId: s2 });
      const final = spec.given(...submitted, ...approved.events, ...spec.given(...submitted, ...approved.events).when(decide(s2, {}, party)).events).when(decide(s3, { decision: DECISION }, ppc));
      expect(final.state.status).toBe('APPROVED');
      // A new submission under v2 gets the longer chain.
      expect(spec.given(...history(create())).when(submit()).events[0].data).toMatchObject({ policy: { id: 'default', version: 2 }, steps: { length: 4 } });
    });
  });

  describe('DecideStep: RETURN and resubmission', () => {
    it('returns the proposal with the comment; the waiting steps are CANCELLED', () => {
      const submitted = history(create(), submit());
      const [s1, s2, s3] = stepIds(submitted);
      const result = spec.given(...submitted).when(decide(s1, { outcome: 'RETURN', comment: 'Bổ sung phương án nhân sự' }, doha));
      expect(result.events).toEqual([
        {
          type: 'ProposalReturned',
          data: expect.objectContaining({ stepId: s1, decidedBy: 'doha.1', role: 'doha_appraiser', comment: 'Bổ sung phương án nhân sự', dossierVersion: 1, cancelledStepIds: [s2, s3] }),
        },
      ]);
      expect(result.state).toMatchObject({ status: 'RETURNED', returned: { stepId: s1, by: 'doha.1', comment: 'Bổ sung phương án nhân sự' } });
      expect(stepsOf([...submitted, ...result.events]).map((s) => s.status)).toEqual(['RETURNED', 'CANCELLED', 'CANCELLED']);
    });

    it('after an amendment, resubmission opens round 2 with new step ids on the new dossier version; round 1 stays', () => {
      const submitted = history(create(), submit());
      const [s1] = stepIds(submitted);
      const returned = [...submitted, ...spec.given(...submitted).when(decide(s1, { outcome: 'RETURN', comment: 'Bổ sung' }, doha)).events];
      const resubmitted = then(returned, amend(1, { rationale: 'Đã bổ sung' }));
      const result = spec.given(...resubmitted).when(submit());
      expect(result.events[0].data).toMatchObject({ round: 2, dossierVersion: 2 });
      const state = result.state as ExistingProposal;
      expect(state.rounds.map((r) => r.round)).toEqual([1, 2]);
      expect(state.rounds[1].steps.map((s) => s.stepId)).not.toEqual(expect.arrayContaining([s1]));
      expect(new Set([...state.rounds[0].steps, ...state.rounds[1].steps].map((s) => s.stepId)).size).toBe(6);
      expect(state).toMatchObject({ status: 'IN_REVIEW', currentStepId: state.rounds[1].steps[0].stepId });
    });

    it('allows resubmission without an amendment', () => {
      const submitted = history(create(), submit());
      const returned = [...submitted, ...spec.given(...submitted).when(decide(stepIds(submitted)[0], { outcome: 'RETURN', comment: 'Xem lại' }, doha)).events];
      expect(spec.given(...returned).when(submit()).events[0].data).toMatchObject({ round: 2, dossierVersion: 1 });
    });

    it('lets the same appraiser sign again in a new round (segregation is per round)', () => {
      const submitted = history(create(), submit());
      const returned = [...submitted, ...spec.given(...submitted).when(decide(stepIds(submitted)[0], { outcome: 'RETURN', comment: 'Xem lại' }, doha)).events];
      const round2 = [...returned, ...spec.given(...returned).when(submit()).events];
      expect(spec.given(...round2).when(decide(stepIds(round2)[0], {}, doha)).events.map((e) => e.type)).toEqual(['StepApproved']);
    });
  });

  describe('DecideStep: REJECT', () => {
    it('rejects for good: terminal, remaining steps CANCELLED, no further submit, amend or withdraw', () => {
      const submitted = history(create(), submit());
      const [s1, s2, s3] = stepIds(submitted);
      const approved = [...submitted, ...spec.given(...submitted).when(decide(s1, {}, doha)).events];
      const result = spec.given(...approved).when(decide(s2, { outcome: 'REJECT', comment: 'Không phù hợp quy hoạch' }, party));
      expect(result.events).toEqual([{ type: 'ProposalRejected', data: expect.objectContaining({ stepId: s2, role: 'party_standing_board', comment: 'Không phù hợp quy hoạch', cancelledStepIds: [s3] }) }]);
      const rejected = [...approved, ...result.events];
      expect(stepsOf(rejected).map((s) => s.status)).toEqual(['APPROVED', 'REJECTED', 'CANCELLED']);
      expect(stateAfter(rejected)).toMatchObject({ status: 'REJECTED', rejected: { by: 'party.1' } });
      for (const command of [submit(), amend(1), withdraw()]) expect(spec.given(...rejected).when(command).refused.kind).toBe('INVALID_STATE');
    });
  });

  describe('DecideStep: refusals in the contract’s order', () => {
    const submitted = () => history(create(), submit());

    it('body shape first (400): a comment to return or reject, the decision with the final approval only', () => {
      const events = submitted();
      const [s1, , s3] = stepIds(events);
      const stranger: Approver = { id: 'x', roles: ['auditor'] };
      expect(invalid(events, decide(s1, { outcome: 'RETURN' }, stranger))).toEqual(['COMMENT_REQUIRED']);
      expect(invalid(events, decide(s1, { outcome: 'REJECT', comment: '   ' }, doha))).toEqual(['COMMENT_REQUIRED']);
      expect(invalid(events, decide(s3, { dossierVersion: 9 }, stranger))).toEqual(['DECISION_REQUIRED']);
      expect(invalid(events, decide(s1, { decision: DECISION }, doha))).toEqual(['DECISION_NOT_EXPECTED']);
      expect(invalid(events, decide(s3, { outcome: 'RETURN', comment: 'x', decision: DECISION }, ppc))).toEqual(['DECISION_NOT_EXPECTED']);
    });

    it('then the role (403 FORBIDDEN), even for a step not pending and a stale version', () => {
      const events = submitted();
      expect(spec.given(...events).when(decide(stepIds(events)[1], { dossierVersion: 9 }, doha)).refused).toEqual({ kind: 'FORBIDDEN', violations: [{ code: 'FORBIDDEN' }] });
    });

    it('then the step must be pending (409 STEP_NOT_PENDING): waiting, already decided, of an old round, or of a withdrawn proposal', () => {
      const events = submitted();
      const [s1, s2] = stepIds(events);
      const notPending = { kind: 'CONFLICT', violations: [{ code: 'STEP_NOT_PENDING' }] };
      expect(spec.given(...events).when(decide(s2, { dossierVersion: 9 }, party)).refused).toEqual(notPending);
      const approved = [...events, ...spec.given(...events).when(decide(s1, {}, doha)).events];
      expect(spec.given(...approved).when(decide(s1, {}, { id: 'doha.2', roles: ['doha_appraiser'] })).refused).toEqual(notPending);
      const returned = [...events, ...spec.given(...events).when(decide(s1, { outcome: 'RETURN', comment: 'x' }, doha)).events];
      const round2 = [...returned, ...spec.given(...returned).when(submit()).events];
      expect(spec.given(...round2).when(decide(s1, {}, { id: 'doha.2', roles: ['doha_appraiser'] })).refused).toEqual(notPending);
      expect(spec.given(...events, ...spec.given(...events).when(withdraw()).events).when(decide(s1, {}, doha)).refused).toEqual(notPending);
    });

    it('then the dossier version (409 STALE_DOSSIER), before segregation of duties', () => {
      const events = submitted();
      const proposerWithRole: Approver = { id: proposer.id, roles: ['doha_appraiser'] };
      expect(spec.given(...events).when(decide(stepIds(events)[0], { dossierVersion: 2 }, proposerWithRole)).refused).toEqual({
        kind: 'CONFLICT',
        violations: [{ code: 'STALE_DOSSIER', path: 'dossierVersion' }],
      });
    });

    it('then segregation of duties (403): the proposer never signs, nobody signs two steps of a round', () => {
      const events = submitted();
      const [s1, s2] = stepIds(events);
      const sod = { kind: 'FORBIDDEN', violations: [{ code: 'SEGREGATION_OF_DUTIES' }] };
      expect(spec.given(...events).when(decide(s1, {}, { id: proposer.id, roles: ['doha_appraiser'] })).refused).toEqual(sod);
      const twoHats: Approver = { id: 'hai.mu', roles: ['doha_appraiser', 'party_standing_board'] };
      const approved = [...events, ...spec.given(...events).when(decide(s1, {}, twoHats)).events];
      expect(spec.given(...approved).when(decide(s2, {}, twoHats)).refused).toEqual(sod);
    });

    it('answers NOT_FOUND for an unknown step or proposal', () => {
      expect(spec.given(...submitted()).when(decide('no-such-step', {}, doha)).refused.kind).toBe('NOT_FOUND');
      expect(spec.given().when(decide('id-1', {}, doha)).refused.kind).toBe('NOT_FOUND');
    });
  });

  describe('WithdrawProposal during review', () => {
    it('cancels the open steps and keeps the signed ones', () => {
      const events = history(create(), submit());
      const [s1, s2, s3] = stepIds(events);
      const approved = [...events, ...spec.given(...events).when(decide(s1, {}, doha)).events];
      const result = spec.given(...approved).when(withdraw());
      expect(result.events[0].data).toMatchObject({ fromStatus: 'IN_REVIEW', cancelledStepIds: [s2, s3] });
      expect(stepsOf([...approved, ...result.events]).map((s) => s.status)).toEqual(['APPROVED', 'CANCELLED', 'CANCELLED']);
    });

    it('is possible from RETURNED (nothing left to cancel) but not after the final decision', () => {
      const events = history(create(), submit());
      const returned = then(events, decide(stepIds(events)[0], { outcome: 'RETURN', comment: 'x' }, doha));
      expect(spec.given(...returned).when(withdraw()).events[0].data).toMatchObject({ fromStatus: 'RETURNED', cancelledStepIds: [] });
      expect(spec.given(...fullyApproved()).when(withdraw()).refused.kind).toBe('INVALID_STATE');
    });
  });

  describe('MarkStepOverdue', () => {
    it('records one StepOverdue for a pending step past its due date, then nothing', () => {
      const events = history(create(), submit());
      const [s1] = stepIds(events);
      expect(spec.given(...events).when(overdue(s1, '2024-03-15')).events).toEqual([]);
      const flagged = spec.given(...events).when(overdue(s1, '2024-03-18'));
      expect(flagged.events).toEqual([{ type: 'StepOverdue', data: { proposalId: ID, round: 1, stepId: s1, dueDate: '2024-03-15', detectedAt: '2024-03-18T01:00:00.000Z' } }]);
      expect(stepsOf([...events, ...flagged.events])[0].overdueSince).toBe('2024-03-18T01:00:00.000Z');
      expect(spec.given(...events, ...flagged.events).when(overdue(s1, '2024-03-19')).events).toEqual([]);
    });

    it('records nothing for a decided or waiting step', () => {
      const events = history(create(), submit());
      const [s1, s2] = stepIds(events);
      const approved = [...events, ...spec.given(...events).when(decide(s1, {}, doha)).events];
      expect(spec.given(...approved).when(overdue(s1, '2030-01-01')).events).toEqual([]);
      expect(spec.given(...events).when(overdue(s2, '2030-01-01')).events).toEqual([]);
    });
  });

  describe('RecordExecution and RecordExecutionFailure (the executor)', () => {
    const executeOn = (today: string): ProposalCommand => ({
      type: 'RecordExecution',
      data: { proposalId: ID, at: `${today}T00:00:05.000Z`, today, decisionKey: 'UBND tỉnh|123/QĐ-UBND', createdUnits: [{ code: 'X1', unitId: 'unit-x1' }] },
    });
    const failOn = (today: string): ProposalCommand => ({ type: 'RecordExecutionFailure', data: { proposalId: ID, at: `${today}T00:00:05.000Z`, today, errors: [{ code: 'UNIT_NOT_ACTIVE', detail: 'H2 ended' }] } });

    it('records the execution of an approved proposal from its effective date, once', () => {
      const events = fullyApproved();
      const executed = spec.given(...events).when(executeOn('2024-07-01'));
      expect(executed.events).toEqual([
        { type: 'ProposalExecuted', data: { proposalId: ID, executedAt: '2024-07-01T00:00:05.000Z', decisionKey: 'UBND tỉnh|123/QĐ-UBND', createdUnits: [{ code: 'X1', unitId: 'unit-x1' }] } },
      ]);
      expect(executed.state.status).toBe('EXECUTED');
      expect(spec.given(...events, ...executed.events).when(executeOn('2024-07-02')).refused).toEqual({ kind: 'INVALID_STATE', violations: [{ code: 'INVALID_STATE' }] });
      expect(spec.given(...events, ...executed.events).when(failOn('2024-07-02')).refused).toEqual({ kind: 'INVALID_STATE', violations: [{ code: 'INVALID_STATE' }] });
    });

    it('refuses before the effective date and before approval', () => {
      expect(spec.given(...fullyApproved()).when(executeOn('2024-06-30')).refused).toEqual({ kind: 'INVALID_STATE', violations: [{ code: 'NOT_YET_EFFECTIVE' }] });
      expect(spec.given(...history(create(), submit())).when(executeOn('2024-07-01')).refused).toEqual({ kind: 'INVALID_STATE', violations: [{ code: 'INVALID_STATE' }] });
      expect(spec.given().when(executeOn('2024-07-01')).refused).toEqual({ kind: 'NOT_FOUND', violations: [{ code: 'NOT_FOUND' }] });
    });

    it('records a failure with the register’s errors', () => {
      const failed = spec.given(...fullyApproved()).when(failOn('2024-07-01'));
      expect(failed.events).toEqual([{ type: 'ProposalExecutionFailed', data: { proposalId: ID, failedAt: '2024-07-01T00:00:05.000Z', errors: [{ code: 'UNIT_NOT_ACTIVE', detail: 'H2 ended' }] } }]);
      expect(failed.state.status).toBe('EXECUTION_FAILED');
    });
  });

  describe('execution events (appended by the executor)', () => {
    const approvedHistory = fullyApproved;

    it('ProposalExecuted: EXECUTED, keeping the decision', () => {
      const executed: ProposalEvent = { type: 'ProposalExecuted', data: { proposalId: ID, executedAt: '2024-07-01T00:00:05.000Z', decisionKey: 'UBND tỉnh|123/QĐ-UBND', createdUnits: [] } };
      expect(stateAfter([...approvedHistory(), executed])).toMatchObject({ status: 'EXECUTED', decision: DECISION, execution: { at: '2024-07-01T00:00:05.000Z' } });
    });

    it('ProposalExecutionFailed: EXECUTION_FAILED with the errors; withdrawal stays refused', () => {
      const failed: ProposalEvent = { type: 'ProposalExecutionFailed', data: { proposalId: ID, failedAt: '2024-07-01T00:00:05.000Z', errors: [{ code: 'UNIT_NOT_ACTIVE', detail: 'H2 ended', operationIndex: 0 }] } };
      const events = [...approvedHistory(), failed];
      expect(stateAfter(events)).toMatchObject({ status: 'EXECUTION_FAILED', failure: { errors: [{ code: 'UNIT_NOT_ACTIVE' }] } });
      expect(spec.given(...events).when(withdraw()).refused.kind).toBe('INVALID_STATE');
    });
  });
});
