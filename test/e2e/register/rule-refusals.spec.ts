import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { type Body, decision, importUnits, registerBody, unitRow, uniqueCode } from './register-fixtures';

/** Each rule of the register refuses over HTTP with its code, and the refused batch writes nothing. */
describe('decision rules refused over HTTP (422, nothing written)', () => {
  let client: RegisterClient;
  let body: Body;
  let other: Body;
  let codes: string[];

  beforeAll(async () => {
    client = await RegisterClient.start();
    body = await registerBody(client);
    other = await registerBody(client);
    const units = await importUnits(client, [
      unitRow(body, { staffingQuota: 40, autonomyGroup: 'G2' }),
      unitRow(body, { staffingQuota: 30, autonomyGroup: 'G3' }),
      unitRow(body, { staffingQuota: 25, autonomyGroup: 'G3' }),
    ]);
    codes = [...units.keys()];
    const abolished = await registerBody(client, { level: 'DISTRICT' });
    await client.ok(`/api/v1/governing-bodies/${abolished.id}/abolish`, { effectiveDate: '2019-01-01', decision: { number: uniqueCode('NQ'), date: '2018-12-01' }, transferUnitsTo: other.id }, 200);
    abolishedBodyId = abolished.id;
  });

  let abolishedBodyId: string;
  afterAll(() => client.close());

  const newUnit = (overrides: Record<string, unknown> = {}) => ({
    code: uniqueCode('R'),
    name: 'Trung tâm mới',
    governingBodyId: body.id,
    level: 'PROVINCE',
    sector: 'HEALTH',
    autonomyGroup: 'G2',
    staffingQuota: 20,
    ...overrides,
  });

  const cases: [string, () => unknown[], string][] = [
    ['QUOTA_MUST_NOT_INCREASE', () => [{ type: 'CONSOLIDATE', sourceUnitCodes: [codes[0], codes[1]], newUnit: newUnit({ staffingQuota: 71 }) }], 'QUOTA_MUST_NOT_INCREASE'],
    ['AUTONOMY_MUST_NOT_DECREASE', () => [{ type: 'ABSORB', targetUnitCode: codes[1], sourceUnitCodes: [codes[0]], autonomyGroupAfter: 'G3' }], 'AUTONOMY_MUST_NOT_DECREASE'],
    ['GOVERNING_BODY_NOT_ACTIVE', () => [{ type: 'ESTABLISH', unit: newUnit({ governingBodyId: abolishedBodyId }) }], 'GOVERNING_BODY_NOT_ACTIVE'],
    ['SAME_UNIT_TWICE', () => [{ type: 'CONSOLIDATE', sourceUnitCodes: [codes[2], codes[2]], newUnit: newUnit({ staffingQuota: 20 }) }], 'SAME_UNIT_TWICE'],
    ['TRANSFER_TO_SAME_BODY', () => [{ type: 'TRANSFER', unitCode: codes[2], toGoverningBodyId: body.id }], 'TRANSFER_TO_SAME_BODY'],
    ['DIVIDE quota growth', () => [{ type: 'DIVIDE', sourceUnitCode: codes[2], newUnits: [newUnit({ staffingQuota: 15, autonomyGroup: 'G3' }), newUnit({ staffingQuota: 15, autonomyGroup: 'G3' })] }], 'QUOTA_MUST_NOT_INCREASE'],
    ['SEPARATE autonomy drop', () => [{ type: 'SEPARATE', sourceUnitCode: codes[2], newUnit: newUnit({ staffingQuota: 15, autonomyGroup: 'G4' }), sourceStaffingQuotaAfter: 10 }], 'AUTONOMY_MUST_NOT_DECREASE'],
  ];

  it.each(cases)('%s', async (_, operations, code) => {
    const before = await client.eventCount();
    const response = await client.post('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2021-06-01', operations())] });
    const problem = await expectProblem(response, 422, 'RULE_VIOLATION');
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code, decisionIndex: 0, operationIndex: 0 })]));
    expect(await client.eventCount()).toBe(before);
  });

  it('refuses a dissolution without a settlement reference at the schema (400 naming the field)', async () => {
    const before = await client.eventCount();
    const response = await client.post('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2021-06-01', [{ type: 'DISSOLVE', unitCode: codes[2], settlementRef: '' }])] });
    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(problem.errors)).toContain('settlementRef');
    expect(await client.eventCount()).toBe(before);
  });

  it('accepts the same reorganisation before Decree 120 took effect (2020-12-01)', async () => {
    await client.ok('/api/v1/decisions/import', {
      decisions: [decision(uniqueCode('QĐ'), '2019-06-01', [{ type: 'CONSOLIDATE', sourceUnitCodes: [codes[0], codes[1]], newUnit: newUnit({ staffingQuota: 71 }) }])],
    });
  });
});
