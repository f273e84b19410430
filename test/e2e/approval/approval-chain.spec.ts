import { randomUUID } from 'node:crypto';
import { type ApprovalBed, DECISION, type Proposal, TODAY, absorbH2IntoH1, eventually, json, renameH1, startApprovalBed } from './approval-bed';

describe('approval chains over HTTP (embedded SQLite, clock fixed on 2024-03-01)', () => {
  let bed: ApprovalBed;
  let proposer: string;
  let partyProposer: string;
  let doha: string;
  let party: string;
  let ppc: string;

  beforeAll(async () => {
    bed = await startApprovalBed();
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    partyProposer = await bed.token('tran.thi.b', ['proposer'], [bed.bodies.party]);
    doha = await bed.token('le.van.tham.dinh', ['doha_appraiser']);
    party = await bed.token('pham.thuong.vu', ['party_standing_board']);
    ppc = await bed.token('hoang.chu.tich', ['ppc_leader']);
  });

  afterAll(async () => {
    await bed.close();
  });

  async function drafted(body: unknown, token = proposer): Promise<Proposal> {
    return json<Proposal>(await bed.call(token, 'POST', '/api/v1/proposals', body), 201);
  }
  const submit = async (id: string, token = proposer) => json<Proposal>(await bed.call(token, 'POST', `/api/v1/proposals/${id}/submit`));
  const decide = async (p: Proposal, token: string, body: Record<string, unknown> = {}) =>
    json<Proposal>(await bed.call(token, 'POST', `/api/v1/proposals/${p.id}/steps/${p.currentStepId ?? ''}/decision`, { outcome: 'APPROVE', dossierVersion: p.dossierVersion, ...body }));

  it('government reorganisation: DOHA appraisal → Party opinion → PPC decision, then executed on its (past) effective date', async () => {
    const draft = await drafted(absorbH2IntoH1(bed));
    const submitted = await submit(draft.id);
    expect(submitted).toMatchObject({ status: 'IN_REVIEW', round: 1, dossierVersion: 1 });
    expect(submitted.steps.map((s) => [s.role, s.status, s.dueDate])).toEqual([
      ['doha_appraiser', 'PENDING', '2024-03-15'],
      ['party_standing_board', 'WAITING', undefined],
      ['ppc_leader', 'WAITING', undefined],
    ]);
    expect(submitted.currentStepId).toBe(submitted.steps[0].stepId);

    const appraised = await decide(submitted, doha, { comment: 'Đủ điều kiện' });
    expect(appraised.steps[0]).toMatchObject({ status: 'APPROVED', decidedBy: 'le.van.tham.dinh', comment: 'Đủ điều kiện', dossierVersion: 1, dossierHash: draft.dossierHash });
    expect(appraised.steps[1]).toMatchObject({ status: 'PENDING', dueDate: '2024-03-15' });
    expect(appraised.currentStepId).toBe(appraised.steps[1].stepId);

    const opined = await decide(appraised, party);
    expect(opined.steps[2]).toMatchObject({ status: 'PENDING', dueDate: '2024-03-12' });

    const decided = await decide(opined, ppc, { decision: DECISION });
    expect(['APPROVED', 'EXECUTED']).toContain(decided.status);
    expect(decided.decision).toEqual({ ...DECISION, issuer: 'UBND tỉnh' });
    expect(decided.steps.map((s) => s.status)).toEqual(['APPROVED', 'APPROVED', 'APPROVED']);
    expect(decided.currentStepId).toBeUndefined();

    // The executor (embedded) runs it at once: the effective date is today.
    const executed = await eventually(bed, proposer, draft.id, (p) => p.status !== 'APPROVED');
    expect(executed).toMatchObject({ status: 'EXECUTED', execution: { status: 'EXECUTED' } });
    expect((await bed.streamTypes(`unit-${bed.units.h2}`)).at(-1)).toBe('UnitMerged');
  });

  it('a rename-only chain has no Party step; a future effective date leaves it APPROVED and SCHEDULED', async () => {
    const draft = await drafted(renameH1(bed, 'Bệnh viện tỉnh Lâm Đồng', '2024-04-01'));
    const submitted = await submit(draft.id);
    expect(submitted.steps.map((s) => s.role)).toEqual(['doha_appraiser', 'ppc_leader']);
    const appraised = await decide(submitted, doha);
    const decided = await decide(appraised, ppc, { decision: { ...DECISION, number: '124/QĐ-UBND', effectiveDate: '2024-04-01', issuer: 'Ủy ban nhân dân tỉnh' } });
    expect(decided).toMatchObject({ status: 'APPROVED', decision: { issuer: 'Ủy ban nhân dân tỉnh', effectiveDate: '2024-04-01' }, execution: { status: 'SCHEDULED', at: '2024-04-01' } });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await json<Proposal>(await bed.call(proposer, 'GET', `/api/v1/proposals/${draft.id}`))).status).toBe('APPROVED');
  });

  it('a Party/mass proposal goes to the Party Standing Board alone, which issues the decision', async () => {
    const body = { title: 'Đổi tên Trung tâm Chính trị', rationale: 'Theo Quy định 01', governingBodyId: bed.bodies.party, proposedEffectiveDate: TODAY, operations: [{ type: 'RENAME', unitId: bed.units.p1, newName: 'Trường Chính trị tỉnh' }] };
    const draft = await drafted(body, partyProposer);
    const submitted = await submit(draft.id, partyProposer);
    expect(submitted.steps.map((s) => [s.name, s.role, s.status])).toEqual([['Quyết định của Ban Thường vụ Tỉnh ủy', 'party_standing_board', 'PENDING']]);
    const decided = await decide(submitted, party, { decision: { ...DECISION, number: '15-QĐ/TU' } });
    expect(decided.decision).toMatchObject({ number: '15-QĐ/TU', issuer: 'Ban Thường vụ Tỉnh ủy' });
    const executed = await eventually(bed, partyProposer, draft.id, (p) => p.status !== 'APPROVED');
    expect(executed.status).toBe('EXECUTED');
    expect((await bed.streamTypes(`unit-${bed.units.p1}`)).at(-1)).toBe('UnitRenamed');
  });

  it('a repeated Idempotency-Key on a decision answers the first response and appends nothing', async () => {
    const submitted = await submit((await drafted(renameH1(bed, 'Bệnh viện Y', '2024-05-01'))).id);
    const key = randomUUID();
    const body = { outcome: 'APPROVE', dossierVersion: 1 };
    const first = await bed.call(doha, 'POST', `/api/v1/proposals/${submitted.id}/steps/${submitted.steps[0].stepId}/decision`, body, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    const head = await bed.head();
    const again = await bed.call(doha, 'POST', `/api/v1/proposals/${submitted.id}/steps/${submitted.steps[0].stepId}/decision`, body, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(await bed.head()).toBe(head);
  });
});
