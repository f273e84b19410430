import { join } from 'node:path';
import { type ApprovalBed, DECISION, approvalClient, absorbH2IntoH1, json, startApprovalBed } from './approval-bed';

describe('the approval policy is data: a new version adds a step without code, chains in flight keep theirs', () => {
  let bed: ApprovalBed;

  afterAll(async () => {
    await bed.close();
  });

  it('restarted with policy v2, a proposal submitted under v1 finishes its 3-step chain; a new one gets 4 steps', async () => {
    bed = await startApprovalBed({ env: { APPROVAL_POLICY_FILE: join(__dirname, '../../../deploy/approval-policy/default.v1.json') } });
    let client = approvalClient(bed);
    let proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const inFlight = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed))).id);
    expect(inFlight.steps).toHaveLength(3);

    await bed.stop();
    bed = await startApprovalBed({ dir: bed.dir, seed: bed, env: { APPROVAL_POLICY_FILE: join(__dirname, 'policy.v2-with-finance-step.json') } });
    client = approvalClient(bed);
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    const doha = await bed.token('le.van.tham.dinh', ['doha_appraiser']);
    const party = await bed.token('pham.thuong.vu', ['party_standing_board']);
    const ppc = await bed.token('hoang.chu.tich', ['ppc_leader']);

    const resumed = await client.get(proposer, inFlight.id);
    expect(resumed.steps.map((s) => s.stepId)).toEqual(inFlight.steps.map((s) => s.stepId));
    const opined = await client.decide(party, await client.decide(doha, resumed));
    expect(opined.steps[2]).toMatchObject({ role: 'ppc_leader', status: 'PENDING' });
    expect((await client.decide(ppc, opined, { decision: { ...DECISION, effectiveDate: '2024-12-01' } })).status).toBe('APPROVED');

    const auditor = await bed.token('kiem.toan', ['auditor']);
    const history = await json<{ items: { type: string; data: { policy?: { version: number } } }[] }>(await bed.call(auditor, 'GET', `/api/v1/proposals/${inFlight.id}/history`));
    expect(history.items.find((i) => i.type === 'ProposalSubmitted')?.data.policy).toEqual({ id: 'default', version: 1 });

    const fresh = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: '2025-01-01' }))).id);
    expect(fresh.steps.map((s) => s.name)).toEqual(['Thẩm định của Sở Nội vụ', 'Ý kiến của Ban Thường vụ Tỉnh ủy', 'Ý kiến của Sở Tài chính về kinh phí', 'Quyết định của UBND tỉnh']);
  });

  it('refuses to start with an invalid policy file, naming the file and the problem', async () => {
    await expect(startApprovalBed({ env: { APPROVAL_POLICY_FILE: join(__dirname, 'approval-bed.ts') } })).rejects.toThrow(/Invalid approval configuration in .*approval-bed\.ts:\n {2}- not JSON/);
  });
});
