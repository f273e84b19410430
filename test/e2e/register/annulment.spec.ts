import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { type Body, decision, importUnits, registerBody, unitRow } from './register-fixtures';

type Recorded = { decisions: { number: string; createdUnits: { code: string; unitId: string }[] }[] };
const ISSUER = 'Ủy ban nhân dân tỉnh Phú Yên';
const annulPath = (number: string) => `/api/v1/decisions/${encodeURIComponent(number)}/annul`;
const annulment = { issuer: ISSUER, reason: 'Ghi nhận nhầm số lượng người làm việc', annulledBy: { number: '900/QĐ-UBND', date: '2019-09-01' } };

describe('POST /decisions/{number}/annul (real HTTP)', () => {
  let client: RegisterClient;
  let body: Body;

  beforeAll(async () => {
    client = await RegisterClient.start();
    body = await registerBody(client);
  });

  afterAll(() => client.close());

  it('annuls a decision by compensating events, then a corrected decision with the same number and codes is imported', async () => {
    const units = await importUnits(client, [unitRow(body, { code: 'AN-1', staffingQuota: 40 })]);
    const established = { code: 'AN-NEW', name: 'Trung tâm mới', governingBodyId: body.id, level: 'PROVINCE', sector: 'IT', autonomyGroup: 'G2', staffingQuota: 20 };
    const first = await client.ok<Recorded>('/api/v1/decisions/import', {
      decisions: [decision('10/QĐ-UBND', '2019-02-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'AN-1', staffingQuota: 25 }, { type: 'ESTABLISH', unit: established }])],
    });
    const createdId = first.decisions[0].createdUnits[0].unitId;

    const before = await client.eventCount();
    const response = await client.post(annulPath('10/QĐ-UBND'), annulment);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ number: '10/QĐ-UBND', issuer: ISSUER, annulled: true, unitsRestored: expect.arrayContaining([units.get('AN-1'), createdId]) });
    const written = await client.store().readAll({ after: before });
    expect(written.map((e) => e.type).sort()).toEqual(['DecisionAnnulled', 'UnitCodeReleased', 'UnitDecisionAnnulled', 'UnitDecisionAnnulled']);
    expect(written.every((e) => e.metadata.source === 'annulment' && e.metadata.actor === 'admin-user')).toBe(true);

    const corrected = await client.ok<Recorded>('/api/v1/decisions/import', {
      decisions: [decision('10/QĐ-UBND', '2019-02-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'AN-1', staffingQuota: 28 }, { type: 'ESTABLISH', unit: established }])],
    });
    expect(corrected.decisions[0].createdUnits).toEqual([{ code: 'AN-NEW', unitId: expect.not.stringMatching(createdId) }]);
  });

  it('refuses to annul a decision that later decisions depend on: 422 CONFLICTING_DECISION, nothing written', async () => {
    const created = { code: 'AN-DEP', name: 'Đơn vị phụ thuộc', governingBodyId: body.id, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 30 };
    await client.ok('/api/v1/decisions/import', {
      decisions: [
        decision('20/QĐ-UBND', '2019-03-01', [{ type: 'ESTABLISH', unit: created }]),
        decision('21/QĐ-UBND', '2019-04-01', [{ type: 'RENAME', unitCode: 'AN-DEP', newName: 'Đã đổi tên' }]),
      ],
    });
    const before = await client.eventCount();
    const problem = await expectProblem(await client.post(annulPath('20/QĐ-UBND'), annulment), 422, 'RULE_VIOLATION');
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'CONFLICTING_DECISION' })]);
    expect(await client.eventCount()).toBe(before);
  });

  it('answers 404 for a decision never recorded, 409 INVALID_STATE for one already annulled, 403 for an auditor, 400 for a bad body', async () => {
    await importUnits(client, [unitRow(body, { code: 'AN-2' })]);
    await client.ok('/api/v1/decisions/import', { decisions: [decision('30/QĐ-UBND', '2019-05-01', [{ type: 'RENAME', unitCode: 'AN-2', newName: 'Tên khác' }])] });
    await client.ok(annulPath('30/QĐ-UBND'), annulment, 200);

    const before = await client.eventCount();
    await expectProblem(await client.post(annulPath('31/QĐ-UBND'), annulment), 404, 'NOT_FOUND');
    await expectProblem(await client.post(annulPath('30/QĐ-UBND'), { ...annulment, issuer: 'Sở Nội vụ' }), 404, 'NOT_FOUND');
    await expectProblem(await client.post(annulPath('30/QĐ-UBND'), annulment), 409, 'INVALID_STATE');
    await expectProblem(await client.post(annulPath('30/QĐ-UBND'), annulment, { token: await client.token('auditor') }), 403, 'FORBIDDEN');
    await expectProblem(await client.post(annulPath('30/QĐ-UBND'), { issuer: ISSUER, annulledBy: { number: '1', date: 'yesterday' } }), 400, 'VALIDATION_FAILED');
    expect(await client.eventCount()).toBe(before);
  });
});
