import { expectProblem } from '../support/problem';
import { type ApprovalBed, type Proposal, absorbH2IntoH1, approvalClient, json, startApprovalBed } from './approval-bed';

interface HistoryItem {
  type: string;
  actor?: string;
  role?: string;
  at?: string;
  recordedAt: string;
  round?: number;
  stepId?: string;
  comment?: string;
  dossierVersion?: number;
  dossierHash?: string;
  data: Record<string, unknown>;
}

describe('return, resubmission, rejection, withdrawal and history over HTTP (embedded SQLite)', () => {
  let bed: ApprovalBed;
  let client: ReturnType<typeof approvalClient>;
  let proposer: string;
  let doha: string;
  let party: string;
  let auditor: string;

  beforeAll(async () => {
    bed = await startApprovalBed();
    client = approvalClient(bed);
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    doha = await bed.token('le.van.tham.dinh', ['doha_appraiser']);
    party = await bed.token('pham.thuong.vu', ['party_standing_board']);
    auditor = await bed.token('kiem.toan', ['auditor']);
  });

  afterAll(async () => {
    await bed.close();
  });

  const history = async (id: string, token = auditor) => (await json<{ items: HistoryItem[] }>(await bed.call(token, 'GET', `/api/v1/proposals/${id}/history`))).items;

  it('return → amend → resubmit: a new round with new stepIds on the new dossier version; the old chain stays in the history', async () => {
    const submitted = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed))).id);
    const returned = await client.decide(doha, submitted, { outcome: 'RETURN', comment: 'Bổ sung phương án bố trí nhân sự' });
    expect(returned).toMatchObject({ status: 'RETURNED', returned: { by: 'le.van.tham.dinh', role: 'doha_appraiser', comment: 'Bổ sung phương án bố trí nhân sự' } });
    expect(returned.steps.map((s) => s.status)).toEqual(['RETURNED', 'CANCELLED', 'CANCELLED']);

    const amended = await json<Proposal>(await bed.call(proposer, 'PUT', `/api/v1/proposals/${submitted.id}`, absorbH2IntoH1(bed, { rationale: 'Đã bổ sung phương án nhân sự' }), { 'if-match': '"1"' }));
    expect(amended).toMatchObject({ status: 'RETURNED', dossierVersion: 2 });
    const resubmitted = await client.submit(proposer, submitted.id);
    expect(resubmitted).toMatchObject({ status: 'IN_REVIEW', round: 2, dossierVersion: 2 });
    const oldIds = submitted.steps.map((s) => s.stepId);
    expect(resubmitted.steps.map((s) => s.stepId).filter((id) => oldIds.includes(id))).toEqual([]);
    expect(resubmitted.steps.map((s) => s.status)).toEqual(['PENDING', 'WAITING', 'WAITING']);
    // The dossier keeps round 1's chain and the comment it was returned with (the console shows them to approvers).
    expect(resubmitted).toMatchObject({ earlierRounds: [{ round: 1, steps: [{ stepId: oldIds[0], status: 'RETURNED', decidedBy: 'le.van.tham.dinh', comment: 'Bổ sung phương án bố trí nhân sự' }, { status: 'CANCELLED' }, { status: 'CANCELLED' }] }] });
    expect(returned).not.toHaveProperty('earlierRounds');

    // The old round's step is no longer pending; the old dossier version is stale.
    await expectProblem(await client.decideRaw(doha, submitted.id, oldIds[0], { outcome: 'APPROVE', dossierVersion: 2 }), 409, 'STEP_NOT_PENDING');
    await expectProblem(await client.decideRaw(doha, submitted.id, resubmitted.steps[0].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 409, 'STALE_DOSSIER');
    const approved = await client.decide(doha, resubmitted);
    expect(approved.steps[0]).toMatchObject({ status: 'APPROVED', dossierVersion: 2, dossierHash: amended.dossierHash });

    const items = await history(submitted.id);
    expect(items.map((i) => i.type)).toEqual(['ProposalDrafted', 'ProposalSubmitted', 'ProposalReturned', 'ProposalAmended', 'ProposalSubmitted', 'StepApproved']);
    const [, round1, returnedEvent, , round2, signOff] = items;
    expect(round1).toMatchObject({ actor: 'nguyen.van.a', round: 1, dossierVersion: 1, dossierHash: submitted.dossierHash });
    expect((round1.data.steps as { stepId: string }[]).map((s) => s.stepId)).toEqual(oldIds);
    expect(returnedEvent).toMatchObject({ actor: 'le.van.tham.dinh', role: 'doha_appraiser', comment: 'Bổ sung phương án bố trí nhân sự', round: 1, stepId: oldIds[0], dossierVersion: 1, dossierHash: submitted.dossierHash, at: expect.stringMatching(/^2024-03-01T/) });
    expect(round2).toMatchObject({ round: 2, dossierVersion: 2 });
    expect(signOff).toMatchObject({ actor: 'le.van.tham.dinh', role: 'doha_appraiser', round: 2, dossierVersion: 2, dossierHash: amended.dossierHash, recordedAt: expect.any(String) });
  });

  it('rejection is terminal: remaining steps CANCELLED, no unit changes, no resubmission or withdrawal', async () => {
    const h2Before = await bed.streamTypes(`unit-${bed.units.h2}`);
    const submitted = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: '2024-06-01' }))).id);
    const appraised = await client.decide(doha, submitted);
    const rejected = await client.decide(party, appraised, { outcome: 'REJECT', comment: 'Chưa phù hợp quy hoạch mạng lưới' });
    expect(rejected).toMatchObject({ status: 'REJECTED', rejected: { by: 'pham.thuong.vu', comment: 'Chưa phù hợp quy hoạch mạng lưới' } });
    expect(rejected.steps.map((s) => s.status)).toEqual(['APPROVED', 'REJECTED', 'CANCELLED']);
    await expectProblem(await bed.call(proposer, 'POST', `/api/v1/proposals/${submitted.id}/submit`), 409, 'INVALID_STATE');
    await expectProblem(await bed.call(proposer, 'POST', `/api/v1/proposals/${submitted.id}/withdraw`, { reason: 'x' }), 409, 'INVALID_STATE');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await bed.streamTypes(`unit-${bed.units.h2}`)).toEqual(h2Before);
    expect((await history(submitted.id)).at(-1)).toMatchObject({ type: 'ProposalRejected', role: 'party_standing_board', data: { cancelledStepIds: [rejected.steps[2].stepId] } });
  });

  it('withdrawal during review cancels the open steps; their decision is then 409 STEP_NOT_PENDING', async () => {
    const submitted = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: '2024-06-02' }))).id);
    const appraised = await client.decide(doha, submitted);
    const withdrawn = await json<Proposal>(await bed.call(proposer, 'POST', `/api/v1/proposals/${submitted.id}/withdraw`, { reason: 'Chờ chủ trương mới' }));
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.steps.map((s) => s.status)).toEqual(['APPROVED', 'CANCELLED', 'CANCELLED']);
    await expectProblem(await client.decideRaw(party, submitted.id, appraised.steps[1].stepId, { outcome: 'APPROVE', dossierVersion: 1 }), 409, 'STEP_NOT_PENDING');
  });

  it('history is for auditors and admins only (403 otherwise) and 404 for an unknown proposal', async () => {
    const draft = await client.draft(proposer, absorbH2IntoH1(bed));
    const admin = await bed.token('admin', ['admin']);
    expect((await bed.call(admin, 'GET', `/api/v1/proposals/${draft.id}/history`)).status).toBe(200);
    for (const token of [proposer, doha]) await expectProblem(await bed.call(token, 'GET', `/api/v1/proposals/${draft.id}/history`), 403, 'FORBIDDEN');
    await expectProblem(await bed.call(auditor, 'GET', '/api/v1/proposals/00000000-0000-4000-8000-000000000000/history'), 404, 'NOT_FOUND');
  });
});
