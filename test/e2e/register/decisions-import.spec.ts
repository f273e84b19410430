import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { type Body, decision, importUnits, registerBody, unitRow, uniqueCode } from './register-fixtures';

type Recorded = { recorded: number; decisions: { number: string; createdUnits: { code: string; unitId: string }[] }[] };

describe('POST /decisions/import: back-filling decisions (real HTTP)', () => {
  let client: RegisterClient;
  let body: Body;

  beforeAll(async () => {
    client = await RegisterClient.start();
    body = await registerBody(client);
  });

  afterAll(() => client.close());

  const newUnit = (overrides: Record<string, unknown> = {}) => ({ code: uniqueCode('N'), name: 'Trung tâm Dịch vụ nông nghiệp', governingBodyId: body.id, level: 'DISTRICT', sector: 'AGRICULTURE', autonomyGroup: 'G3', staffingQuota: 20, ...overrides });

  async function refused(decisions: unknown[], status: number, code: string) {
    const before = await client.eventCount();
    const problem = await expectProblem(await client.post('/api/v1/decisions/import', { decisions }), status, code);
    expect(await client.eventCount()).toBe(before);
    return problem.errors as Record<string, unknown>[];
  }

  it('records decisions in order, a later one naming by code a unit an earlier one created (201, source import)', async () => {
    const unit = newUnit({ staffingQuota: 10 }); // before Decree 120: no minimum
    const result = await client.ok<Recorded>('/api/v1/decisions/import', {
      decisions: [
        decision('12/QĐ-UBND', '2019-03-01', [{ type: 'ESTABLISH', unit }]),
        decision('30/QĐ-UBND', '2019-06-01', [{ type: 'RENAME', unitCode: unit.code, newName: 'Trung tâm Khuyến nông huyện' }]),
      ],
    });
    expect(result).toEqual({
      recorded: 2,
      decisions: [
        { number: '12/QĐ-UBND', createdUnits: [{ code: unit.code, unitId: expect.stringMatching(/^[0-9a-f-]{36}$/) }] },
        { number: '30/QĐ-UBND', createdUnits: [] },
      ],
    });
    const events = (await client.store().readStream(`unit-${result.decisions[0].createdUnits[0].unitId}`)).map((e) => ({ type: e.type, source: e.metadata.source, actor: e.metadata.actor }));
    expect(events).toEqual([
      { type: 'UnitEstablished', source: 'import', actor: 'admin-user' },
      { type: 'UnitRenamed', source: 'import', actor: 'admin-user' },
    ]);
  });

  it('refuses a new unit under 15 staff after 2020-12-01 with 422 MIN_STAFFING_FOR_NEW_UNIT, naming decision and operation; all or nothing', async () => {
    const units = await importUnits(client, [unitRow(body, { code: 'MS-1' })]);
    expect(units.size).toBe(1);
    const errors = await refused(
      [
        decision('100/QĐ-UBND', '2021-03-01', [{ type: 'RENAME', unitCode: 'MS-1', newName: 'Đổi tên hợp lệ' }]),
        decision('101/QĐ-UBND', '2021-04-01', [
          { type: 'CHANGE_AUTONOMY', unitCode: 'MS-1', autonomyGroup: 'G2' },
          { type: 'ESTABLISH', unit: newUnit({ staffingQuota: 9 }) },
        ]),
      ],
      422,
      'RULE_VIOLATION',
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'MIN_STAFFING_FOR_NEW_UNIT', decisionIndex: 1, operationIndex: 1, path: 'decisions[1].operations[1].unit.staffingQuota', detail: expect.any(String) }),
    ]);
    // A basic, essential service is exempt.
    await client.ok('/api/v1/decisions/import', { decisions: [decision('102/QĐ-UBND', '2021-04-01', [{ type: 'ESTABLISH', unit: newUnit({ staffingQuota: 9, basicEssentialService: true }) }])] });
  });

  it('refuses changing a dissolved unit with 422 UNIT_NOT_ACTIVE', async () => {
    await importUnits(client, [unitRow(body, { code: 'NA-1' })]);
    await client.ok('/api/v1/decisions/import', { decisions: [decision('200/QĐ-UBND', '2019-01-01', [{ type: 'DISSOLVE', unitCode: 'NA-1', settlementRef: 'BB-01/2018' }])] });
    const errors = await refused([decision('201/QĐ-UBND', '2020-01-01', [{ type: 'RENAME', unitCode: 'NA-1', newName: 'Muộn' }])], 422, 'RULE_VIOLATION');
    expect(errors).toEqual([expect.objectContaining({ code: 'UNIT_NOT_ACTIVE', decisionIndex: 0, operationIndex: 0 })]);
  });

  it('refuses a second decision on one unit and date, and a back-fill ending a unit with later changes: 422 CONFLICTING_DECISION', async () => {
    await importUnits(client, [unitRow(body, { code: 'CF-1' }), unitRow(body, { code: 'CF-2' })]);
    await client.ok('/api/v1/decisions/import', {
      decisions: [
        decision('300/QĐ-UBND', '2019-05-01', [{ type: 'CHANGE_STAFFING_QUOTA', unitCode: 'CF-1', staffingQuota: 35 }]),
        decision('301/QĐ-UBND', '2021-01-01', [{ type: 'RENAME', unitCode: 'CF-2', newName: 'Tên mới 2021' }]),
      ],
    });
    const sameDay = await refused([decision('302/QĐ-UBND', '2019-05-01', [{ type: 'RENAME', unitCode: 'CF-1', newName: 'Cùng ngày' }])], 422, 'RULE_VIOLATION');
    expect(sameDay).toEqual([expect.objectContaining({ code: 'CONFLICTING_DECISION', decisionIndex: 0, operationIndex: 0 })]);
    const backFill = await refused([decision('303/QĐ-UBND', '2019-01-01', [{ type: 'DISSOLVE', unitCode: 'CF-2', settlementRef: 'BB-9' }])], 422, 'RULE_VIOLATION');
    expect(backFill).toEqual([expect.objectContaining({ code: 'CONFLICTING_DECISION' })]);
  });

  it('refuses unknown units (422 UNKNOWN_UNIT) and a decision number already recorded for the issuer (409 DUPLICATE_DECISION)', async () => {
    const unknown = await refused([decision('400/QĐ-UBND', '2019-01-01', [{ type: 'RENAME', unitCode: 'NO-SUCH-UNIT', newName: 'X' }])], 422, 'RULE_VIOLATION');
    expect(unknown).toEqual([expect.objectContaining({ code: 'UNKNOWN_UNIT', path: 'decisions[0].operations[0].unitCode' })]);

    await importUnits(client, [unitRow(body, { code: 'DD-1' })]);
    await client.ok('/api/v1/decisions/import', { decisions: [decision('401/QĐ-UBND', '2019-02-01', [{ type: 'RENAME', unitCode: 'DD-1', newName: 'Lần một' }])] });
    const duplicate = await refused([decision('401/QĐ-UBND', '2019-03-01', [{ type: 'RENAME', unitCode: 'DD-1', newName: 'Lần hai' }])], 409, 'DUPLICATE_DECISION');
    expect(duplicate).toEqual([expect.objectContaining({ code: 'DUPLICATE_DECISION', decisionIndex: 0 })]);
    // The same number from another issuer is another decision.
    await client.ok('/api/v1/decisions/import', { decisions: [decision('401/QĐ-UBND', '2019-03-01', [{ type: 'RENAME', unitCode: 'DD-1', newName: 'Lần hai' }], 'Sở Nội vụ')] });
  });

  it('refuses malformed input with 400, naming decision and operation: empty list, unknown type, unknown enum, two references', async () => {
    await refused([], 400, 'VALIDATION_FAILED');
    const errors = await refused(
      [
        decision('500/QĐ-UBND', '2019-01-01', [
          { type: 'MERGE_EVERYTHING' },
          { type: 'ESTABLISH', unit: newUnit({ sector: 'MINING' }) },
          { type: 'RENAME', unitId: '6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11', unitCode: 'X', newName: 'Y' },
        ]),
      ],
      400,
      'VALIDATION_FAILED',
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ decisionIndex: 0, operationIndex: 0, path: 'decisions[0].operations[0].type' }),
        expect.objectContaining({ decisionIndex: 0, operationIndex: 1, path: 'decisions[0].operations[1].unit.sector' }),
        expect.objectContaining({ decisionIndex: 0, operationIndex: 2, code: 'UNIT_REFERENCE' }),
      ]),
    );
    await refused([{ ...decision('501/QĐ-UBND', '2019-02-30', [{ type: 'DISSOLVE', unitCode: 'X', settlementRef: ' ' }]) }], 400, 'VALIDATION_FAILED');
  });

  it('lets only admins import: 403 for an auditor, nothing written', async () => {
    const before = await client.eventCount();
    const response = await client.post('/api/v1/decisions/import', { decisions: [decision('600/QĐ-UBND', '2019-01-01', [{ type: 'ESTABLISH', unit: newUnit() }])] }, { token: await client.token('auditor') });
    await expectProblem(response, 403, 'FORBIDDEN');
    expect(await client.eventCount()).toBe(before);
  });
});
