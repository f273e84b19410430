import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { type Body, decision, importUnits, registerBody, unitRow, uniqueCode } from './register-fixtures';

const AMENDED = 'as amended by Decree 283/2025/ND-CP';
type Item = { code: string; detail: string; legalSource?: { vi: string; en: string }; path?: string };

/** Decree 120 and Decree 120 as amended by Decree 283, on either side of 2025-11-01, over real HTTP. */
describe('rules by version, dated code lists and decision identity over HTTP', () => {
  let client: RegisterClient;
  let body: Body;
  let codes: string[];

  beforeAll(async () => {
    client = await RegisterClient.start();
    body = await registerBody(client);
    const units = await importUnits(client, [
      unitRow(body, { staffingQuota: 40, autonomyGroup: 'G2' }),
      unitRow(body, { staffingQuota: 30, autonomyGroup: 'G3' }),
      unitRow(body, { staffingQuota: 25, autonomyGroup: 'G4' }),
      unitRow(body, { staffingQuota: 20, autonomyGroup: 'G4' }),
    ]);
    codes = [...units.keys()];
  });

  afterAll(() => client.close());

  const newUnit = (overrides: Record<string, unknown> = {}) => ({
    code: uniqueCode('R'),
    name: 'Trung tâm mới',
    governingBodyId: body.id,
    level: 'PROVINCE',
    sector: 'HEALTH',
    autonomyGroup: 'G3',
    staffingQuota: 20,
    ...overrides,
  });
  const importOne = (date: string, operations: unknown[], language?: string) =>
    client.post('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), date, operations)] }, language ? { language } : {});

  it('from 2025-11-01 a new unit counts public employees: the refusal names the amended decree in Vietnamese and English, and writes nothing', async () => {
    const before = await client.eventCount();
    const vi = await expectProblem(await importOne('2025-11-01', [{ type: 'ESTABLISH', unit: newUnit({ staffingQuota: 40, publicEmployees: 12 }) }]), 422, 'RULE_VIOLATION');
    const [item] = vi.errors as Item[];
    expect(item).toMatchObject({ code: 'MIN_STAFFING_FOR_NEW_UNIT', path: 'decisions[0].operations[0].unit.publicEmployees' });
    expect(item.legalSource).toEqual({
      en: `Decree 120/2020/ND-CP, art. 5.1, ${AMENDED}`,
      vi: 'khoản 1 Điều 5 Nghị định 120/2020/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 283/2025/NĐ-CP',
    });
    expect(vi.detail).toContain('12 viên chức');
    expect(vi.detail).toContain('Nghị định 283/2025/NĐ-CP');
    const en = await expectProblem(await importOne('2025-11-01', [{ type: 'ESTABLISH', unit: newUnit({ staffingQuota: 40, publicEmployees: 12 }) }], 'en'), 422, 'RULE_VIOLATION');
    expect(en.detail).toContain(AMENDED);
    expect(await client.eventCount()).toBe(before);
  });

  it('the day before, Decree 120 counts the quota alone; from 2025-11-01 15 public employees are enough', async () => {
    await client.ok('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2025-10-31', [{ type: 'ESTABLISH', unit: newUnit({ staffingQuota: 15 }) }])] });
    await client.ok('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2025-11-01', [{ type: 'ESTABLISH', unit: newUnit({ staffingQuota: 15, publicEmployees: 15 }) }])] });
  });

  it('a consolidation of a G2 and a G3 unit into G3: refused under Decree 120, accepted from 2025-11-01 (the authority sets the group)', async () => {
    const consolidate = () => [{ type: 'CONSOLIDATE', sourceUnitCodes: [codes[0], codes[1]], newUnit: newUnit({ staffingQuota: 70, publicEmployees: 60, autonomyGroup: 'G3' }) }];
    const refused = await expectProblem(await importOne('2025-10-31', consolidate()), 422, 'RULE_VIOLATION');
    expect((refused.errors as Item[])[0]).toMatchObject({ code: 'AUTONOMY_MUST_NOT_DECREASE', legalSource: { en: 'Decree 120/2020/ND-CP, art. 5.2; Decree 60/2021/ND-CP' } });
    await client.ok('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2025-11-01', consolidate())] });
  });

  it('a dissolution with nothing to settle: refused under Decree 120 (art. 17), accepted from 2025-11-01 with its ground; without a ground refused', async () => {
    const dissolve = (extra: Record<string, unknown>) => [{ type: 'DISSOLVE', unitCode: codes[2], nothingToSettle: true, ...extra }];
    const before = await expectProblem(await importOne('2025-10-31', dissolve({ ground: 'NO_REMAINING_FUNCTION' })), 422, 'RULE_VIOLATION');
    expect((before.errors as Item[])[0]).toMatchObject({ code: 'SETTLEMENT_REQUIRED', legalSource: { en: 'Decree 120/2020/ND-CP, art. 17' } });
    const groundless = await expectProblem(await importOne('2025-11-01', dissolve({})), 422, 'RULE_VIOLATION');
    expect((groundless.errors as Item[])[0]).toMatchObject({ code: 'DISSOLUTION_GROUND_REQUIRED', path: 'decisions[0].operations[0].ground', legalSource: { en: `Decree 120/2020/ND-CP, art. 5.3, ${AMENDED}` } });
    await client.ok('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2025-11-01', dissolve({ ground: 'NO_REMAINING_FUNCTION' }))] });
  });

  it('sectors by date: AGRICULTURE until 2025-02-28, AGRICULTURE_ENVIRONMENT from 2025-03-01', async () => {
    const refused = await expectProblem(await importOne('2025-03-01', [{ type: 'ESTABLISH', unit: newUnit({ sector: 'AGRICULTURE' }) }]), 422, 'RULE_VIOLATION');
    expect((refused.errors as Item[])[0]).toMatchObject({ code: 'SECTOR_NOT_VALID_ON_DATE', path: 'decisions[0].operations[0].unit.sector' });
    await client.ok('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2025-02-28', [{ type: 'ESTABLISH', unit: newUnit({ sector: 'AGRICULTURE' }) }])] });
    await client.ok('/api/v1/decisions/import', { decisions: [decision(uniqueCode('QĐ'), '2025-03-01', [{ type: 'ESTABLISH', unit: newUnit({ sector: 'AGRICULTURE_ENVIRONMENT' }) }])] });
    const list = (await (await client.get('/api/v1/code-lists/sectors')).json()) as { items?: { code: string; validUntil?: string; replacedBy?: string[] }[] };
    expect(JSON.stringify(list)).toContain('AGRICULTURE_ENVIRONMENT');
  });

  it('a decision number restarts every year: the same issuer and number in 2024 and 2025 are two decisions; twice in 2025 is DUPLICATE_DECISION; an annulment names the year', async () => {
    const number = uniqueCode('NR');
    const rename = (date: string, name: string) => ({ ...decision(number, date, [{ type: 'RENAME', unitCode: codes[3], newName: name }]) });
    await client.ok('/api/v1/decisions/import', { decisions: [rename('2024-12-20', 'Tên năm 2024')] });
    await client.ok('/api/v1/decisions/import', { decisions: [rename('2025-12-20', 'Tên năm 2025')] });
    const before = await client.eventCount();
    const duplicate = await expectProblem(await client.post('/api/v1/decisions/import', { decisions: [rename('2025-01-05', 'Lần nữa')] }), 409, 'DUPLICATE_DECISION');
    expect((duplicate.errors as Item[])[0].detail).toContain('năm 2025');
    expect(await client.eventCount()).toBe(before);

    const annul = (extra: Record<string, unknown>) =>
      client.post(`/api/v1/decisions/${encodeURIComponent(number)}/annul`, { issuer: 'Ủy ban nhân dân tỉnh Phú Yên', reason: 'Ghi nhầm', annulledBy: { number: '1/QĐ-UBND', date: '2026-01-05' }, ...extra });
    const ambiguous = await expectProblem(await annul({}), 422, 'RULE_VIOLATION');
    expect((ambiguous.errors as Item[])[0]).toMatchObject({ code: 'DECISION_YEAR_REQUIRED', path: 'year' });
    expect(await client.eventCount()).toBe(before);
    const annulled = (await (await annul({ year: 2025 })).json()) as { annulled: boolean };
    expect(annulled.annulled).toBe(true);
    const unit = (await (await client.get(`/api/v1/units?q=${encodeURIComponent(codes[3])}&asOf=2026-01-01`)).json()) as { items: { name: string }[] };
    expect(unit.items[0]?.name).toBe('Tên năm 2024');
  });
});
