import { expectProblem } from '../support/problem';
import { type ApprovalBed, DECISION, type Proposal, absorbH2IntoH1, approvalClient, startApprovalBed } from './approval-bed';

describe('refusals of submission and sign-off, in the contract’s order, and the race for one step (embedded SQLite)', () => {
  let bed: ApprovalBed;
  let client: ReturnType<typeof approvalClient>;
  let proposer: string;
  let doha: string;
  let party: string;
  let ppc: string;

  beforeAll(async () => {
    bed = await startApprovalBed();
    client = approvalClient(bed);
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    doha = await bed.token('le.van.tham.dinh', ['doha_appraiser']);
    party = await bed.token('pham.thuong.vu', ['party_standing_board']);
    ppc = await bed.token('hoang.chu.tich', ['ppc_leader']);
  });

  afterAll(async () => {
    await bed.close();
  });

  /** The request is refused with this problem and the event log does not move. */
  async function refused(request: () => Promise<Response>, status: number, code: string): Promise<Record<string, unknown>> {
    const before = await bed.head();
    const body = await expectProblem(await request(), status, code);
    expect(await bed.head()).toBe(before);
    return body;
  }

  let date = 10;
  /** A submitted government reorganisation, each on its own effective date (so that none conflicts with another). */
  async function submitted(): Promise<Proposal> {
    date++;
    return client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: `2024-07-${date}` }))).id);
  }

  describe('POST /proposals/{id}/submit', () => {
    it('422 RULE_VIOLATION naming the rule when an operation cannot apply on the proposed date', async () => {
      const draft = await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: '2017-06-01' }));
      const problem = await refused(() => bed.call(proposer, 'POST', `/api/v1/proposals/${draft.id}/submit`), 422, 'RULE_VIOLATION');
      expect(problem.errors).toContainEqual(expect.objectContaining({ code: 'UNIT_NOT_ACTIVE', operationIndex: 0 }));
      const quota = await client.draft(proposer, absorbH2IntoH1(bed, { operations: [{ type: 'ABSORB', targetUnitId: bed.units.h1, sourceUnitIds: [bed.units.h2], staffingQuotaAfter: 500 }] }));
      const quotaProblem = await refused(() => bed.call(proposer, 'POST', `/api/v1/proposals/${quota.id}/submit`), 422, 'RULE_VIOLATION');
      expect(quotaProblem.errors).toEqual([expect.objectContaining({ code: 'QUOTA_MUST_NOT_INCREASE', operationIndex: 0 })]);
      expect((await client.get(proposer, draft.id)).status).toBe('DRAFT');
    });

    it('409 INVALID_STATE when already in review; 404 for another body’s proposer; 403 for other roles', async () => {
      const proposal = await submitted();
      await refused(() => bed.call(proposer, 'POST', `/api/v1/proposals/${proposal.id}/submit`), 409, 'INVALID_STATE');
      const stranger = await bed.token('other.proposer', ['proposer'], [bed.bodies.party]);
      await refused(() => bed.call(stranger, 'POST', `/api/v1/proposals/${proposal.id}/submit`), 404, 'NOT_FOUND');
      await refused(() => bed.call(doha, 'POST', `/api/v1/proposals/${proposal.id}/submit`), 403, 'FORBIDDEN');
    });
  });

  describe('POST /proposals/{id}/steps/{stepId}/decision', () => {
    it('400 first: malformed body, a RETURN or REJECT without comment, the final approval without decision — whoever sends it', async () => {
      const p = await submitted();
      const [s1, , s3] = p.steps.map((s) => s.stepId);
      const at = (token: string, stepId: string, body: unknown) => () => client.decideRaw(token, p.id, stepId, body);
      await refused(at(doha, s1, { outcome: 'MAYBE', dossierVersion: 1 }), 400, 'VALIDATION_FAILED');
      await refused(at(doha, s1, { outcome: 'APPROVE' }), 400, 'VALIDATION_FAILED');
      const noComment = await refused(at(party, s1, { outcome: 'RETURN', dossierVersion: 1 }), 400, 'VALIDATION_FAILED');
      expect(noComment.errors).toContainEqual(expect.objectContaining({ path: 'comment' }));
      await refused(at(doha, s1, { outcome: 'REJECT', comment: '  ', dossierVersion: 1 }), 400, 'VALIDATION_FAILED');
      const noDecision = await refused(at(doha, s3, { outcome: 'APPROVE', dossierVersion: 7 }), 400, 'VALIDATION_FAILED');
      expect(noDecision.errors).toEqual([expect.objectContaining({ code: 'DECISION_REQUIRED', path: 'decision' })]);
      const early = await refused(at(doha, s1, { outcome: 'APPROVE', dossierVersion: 1, decision: DECISION }), 400, 'VALIDATION_FAILED');
      expect(early.errors).toEqual([expect.objectContaining({ code: 'DECISION_NOT_EXPECTED' })]);
    });

    it('then 403 FORBIDDEN when the caller’s role does not decide this step (even if it is not pending and the version stale)', async () => {
      const p = await submitted();
      await refused(() => client.decideRaw(ppc, p.id, p.steps[1].stepId, { outcome: 'APPROVE', dossierVersion: 9 }), 403, 'FORBIDDEN');
      await refused(() => client.decideRaw(ppc, p.id, p.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 403, 'FORBIDDEN');
    });

    it('then 409 STEP_NOT_PENDING (a waiting step, even with a stale version), then 409 STALE_DOSSIER (even for the proposer), then 403 SEGREGATION_OF_DUTIES', async () => {
      const p = await submitted();
      await refused(() => client.decideRaw(party, p.id, p.steps[1].stepId, { outcome: 'APPROVE', dossierVersion: 9 }), 409, 'STEP_NOT_PENDING');
      const proposerAsAppraiser = await bed.token('nguyen.van.a', ['doha_appraiser']);
      await refused(() => client.decideRaw(proposerAsAppraiser, p.id, p.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 2 }), 409, 'STALE_DOSSIER');
      await refused(() => client.decideRaw(proposerAsAppraiser, p.id, p.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 403, 'SEGREGATION_OF_DUTIES');
      const twoHats = await bed.token('hai.vai', ['doha_appraiser', 'party_standing_board']);
      const appraised = await client.decide(twoHats, p);
      await refused(() => client.decideRaw(twoHats, p.id, appraised.steps[1].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 403, 'SEGREGATION_OF_DUTIES');
      await refused(() => client.decideRaw(doha, p.id, appraised.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 409, 'STEP_NOT_PENDING');
    });

    it('404 for an unknown step or proposal; 403 for proposer, admin and auditor; 401 without a token', async () => {
      const p = await submitted();
      await refused(() => client.decideRaw(doha, p.id, '00000000-0000-4000-8000-000000000000', { outcome: 'APPROVE', dossierVersion: 1 }), 404, 'NOT_FOUND');
      await refused(() => client.decideRaw(doha, '00000000-0000-4000-8000-000000000000', p.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 404, 'NOT_FOUND');
      for (const roles of [['proposer'], ['admin'], ['auditor']]) {
        const token = await bed.token('someone', roles, [bed.bodies.health]);
        await refused(() => client.decideRaw(token, p.id, p.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 403, 'FORBIDDEN');
      }
      const anonymous = await fetch(`${await bed.app.getUrl()}/api/v1/proposals/${p.id}/steps/${p.steps[0].stepId}/decision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(anonymous.status).toBe(401);
    });
  });

  it('20 concurrent final approvals by 20 different PPC leaders: exactly one 200 and nineteen 409 STEP_NOT_PENDING', async () => {
    const p = await submitted();
    const opined = await client.decide(party, await client.decide(doha, p));
    const leaders = await Promise.all(Array.from({ length: 20 }, (_, i) => bed.token(`pho.chu.tich.${i}`, ['ppc_leader'])));
    const responses = await Promise.all(
      leaders.map((token, i) => client.decideRaw(token, p.id, opined.currentStepId ?? '', { outcome: 'APPROVE', dossierVersion: 1, decision: { ...DECISION, number: `${500 + i}/QĐ-UBND`, effectiveDate: '2024-12-31' } })),
    );
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string; decision?: { number: string } } })));
    const winners = bodies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(bodies.filter((r) => r.status === 409 && r.body.code === 'STEP_NOT_PENDING')).toHaveLength(19);
    const types = await bed.streamTypes(`proposal-${p.id}`);
    expect(types.filter((t) => t === 'ProposalApproved')).toHaveLength(1);
    expect((await client.get(ppc, p.id)).decision?.number).toBe(winners[0].body.decision?.number);
  });
});
