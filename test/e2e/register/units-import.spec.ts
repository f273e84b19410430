import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { type Body, registerBody, unitRow, uniqueCode } from './register-fixtures';

type Imported = { imported: number; units: { code: string; unitId: string }[] };

describe('POST /units/import: the baseline register (real HTTP)', () => {
  let client: RegisterClient;
  let health: Body;
  let party: Body;

  beforeAll(async () => {
    client = await RegisterClient.start();
    health = await registerBody(client, { name: 'Sở Y tế' });
    party = await registerBody(client, { name: 'Tỉnh đoàn', system: 'PARTY_MASS' });
  });

  afterAll(() => client.close());

  it('imports JSON rows all at once, naming bodies by id or code, and answers the new ids', async () => {
    const rows = [unitRow(health), unitRow(party, { governingBodyId: undefined, governingBodyCode: party.code, sector: 'CULTURE', system: 'PARTY_MASS', establishedOn: '2001-05-01' })];
    const result = await client.ok<Imported>('/api/v1/units/import', { asOf: '2017-12-31', units: rows });
    expect(result).toEqual({ imported: 2, units: rows.map((r) => ({ code: r.code, unitId: expect.stringMatching(/^[0-9a-f-]{36}$/) })) });
    const events = await client.store().readAll();
    const registered = events.filter((e) => e.type === 'UnitRegistered');
    expect(registered.slice(-2).map((e) => e.metadata)).toEqual([
      expect.objectContaining({ actor: 'admin-user', roles: ['admin'], source: 'baseline', effectiveDate: '2017-12-31' }),
      expect.objectContaining({ effectiveDate: '2001-05-01' }),
    ]);
  });

  it('imports a Vietnamese CSV in UTF-8 with a BOM (?asOf=), storing text NFC-normalised', async () => {
    const [a, b] = [uniqueCode('CSV'), uniqueCode('CSV')];
    const decomposedName = 'Trường Trung học phổ thông Lê Hồng Phong'.normalize('NFD');
    const csv = [
      'code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota,basicEssentialService',
      `${a},"${decomposedName}",${health.code},PROVINCE,EDUCATION,G3,85,`,
      `${b},"Trung tâm Văn hóa, Thể thao huyện",${health.code},DISTRICT,CULTURE,G2,12,yes`,
    ].join('\r\n');
    const result = await client.ok<Imported>('/api/v1/units/import?asOf=2017-12-31', `\ufeff${csv}\r\n`, 201, { contentType: 'text/csv; charset=utf-8' });
    expect(result.units.map((u) => u.code)).toEqual([a, b]);
    const events = await client.store().readAll();
    const names = events.filter((e) => e.type === 'UnitRegistered').map((e) => (e.data.attributes as { name: string }).name);
    expect(names).toContain('Trường Trung học phổ thông Lê Hồng Phong'.normalize('NFC'));
    expect(names).toContain('Trung tâm Văn hóa, Thể thao huyện');
  });

  it('refuses a CSV with a bad row: 400 naming row and field, nothing imported', async () => {
    const before = await client.eventCount();
    const csv = ['code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota', `${uniqueCode('C')},Ổn,${health.code},PROVINCE,HEALTH,G3,20`, `${uniqueCode('C')},Lỗi,${health.code},PROVINCE,MINING,G9,abc`].join('\n');
    const problem = await expectProblem(await client.post('/api/v1/units/import?asOf=2017-12-31', csv, { contentType: 'text/csv' }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, path: 'units[1].sector' }),
        expect.objectContaining({ row: 2, path: 'units[1].autonomyGroup' }),
        expect.objectContaining({ row: 2, path: 'units[1].staffingQuota' }),
      ]),
    );
    expect(await client.eventCount()).toBe(before);
  });

  it('refuses CSV without asOf, with unknown columns, or malformed, with 400', async () => {
    const before = await client.eventCount();
    const header = 'code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota';
    const row = `${uniqueCode('C')},A,${health.code},PROVINCE,HEALTH,G3,20`;
    const noAsOf = await expectProblem(await client.post('/api/v1/units/import', `${header}\n${row}`, { contentType: 'text/csv' }), 400, 'VALIDATION_FAILED');
    expect(noAsOf.errors).toEqual([expect.objectContaining({ path: 'asOf' })]);
    const unknown = await expectProblem(await client.post('/api/v1/units/import?asOf=2017-12-31', `${header},colour\n${row},red`, { contentType: 'text/csv' }), 400, 'VALIDATION_FAILED');
    expect(unknown.errors).toEqual([expect.objectContaining({ path: 'colour', code: 'UNKNOWN_COLUMN' })]);
    const ragged = await expectProblem(await client.post('/api/v1/units/import?asOf=2017-12-31', `${header}\n${row}\n${row},extra`, { contentType: 'text/csv' }), 400, 'VALIDATION_FAILED');
    expect(ragged.errors).toEqual([expect.objectContaining({ row: 2, code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' })]);
    await expectProblem(await client.post('/api/v1/units/import?asOf=2017-12-31', `${header}\n${row}`, { contentType: 'text/plain' }), 400, 'VALIDATION_FAILED');
    expect(await client.eventCount()).toBe(before);
  });

  it('treats a row naming an unknown governing body as a bad row (400 with row and field)', async () => {
    const before = await client.eventCount();
    const rows = [unitRow(health), unitRow(health, { governingBodyId: undefined, governingBodyCode: 'NO-SUCH-BODY' })];
    const problem = await expectProblem(await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: rows }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ row: 2, path: 'units[1].governingBodyCode', code: 'UNKNOWN_GOVERNING_BODY' })]);
    const byId = await expectProblem(
      await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: [unitRow({ id: '00000000-0000-4000-8000-000000000002', code: 'X' })] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(byId.errors).toEqual([expect.objectContaining({ row: 1, path: 'units[0].governingBodyId', code: 'UNKNOWN_GOVERNING_BODY' })]);
    expect(await client.eventCount()).toBe(before);
  });

  it('refuses a used code with 409 DUPLICATE_CODE, and a system other than the body’s with 422, all or nothing', async () => {
    const existing = unitRow(health);
    await client.ok('/api/v1/units/import', { asOf: '2017-12-31', units: [existing] });
    const before = await client.eventCount();
    const fresh = unitRow(health);
    const duplicate = await expectProblem(
      await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: [fresh, { ...unitRow(health), code: existing.code.toLowerCase() }] }),
      409,
      'DUPLICATE_CODE',
    );
    expect(duplicate.errors).toEqual([expect.objectContaining({ row: 2, path: 'units[1].code', code: 'DUPLICATE_CODE' })]);
    const mismatch = await expectProblem(await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: [unitRow(health, { system: 'PARTY_MASS' })] }), 422, 'RULE_VIOLATION');
    expect(mismatch.errors).toEqual([expect.objectContaining({ row: 1, code: 'BODY_SYSTEM_MISMATCH' })]);
    expect(await client.eventCount()).toBe(before);
  });

  it('refuses an empty list, unknown fields and both body references with 400', async () => {
    const before = await client.eventCount();
    await expectProblem(await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: [] }), 400, 'VALIDATION_FAILED');
    const both = await expectProblem(
      await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: [unitRow(health, { governingBodyCode: health.code, colour: 'red' })] }),
      400,
      'VALIDATION_FAILED',
    );
    expect((both.errors as { path?: string; code: string }[]).map((e) => e.code)).toEqual(expect.arrayContaining(['UNRECOGNIZED_KEYS']));
    expect(await client.eventCount()).toBe(before);
  });

  it('refuses non-admins with 403', async () => {
    const before = await client.eventCount();
    const auditor = await client.token('auditor');
    await expectProblem(await client.post('/api/v1/units/import', { asOf: '2017-12-31', units: [unitRow(health)] }, { token: auditor }), 403, 'FORBIDDEN');
    const csv = `code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota\n${uniqueCode('C')},A,${health.code},PROVINCE,HEALTH,G3,20`;
    await expectProblem(await client.post('/api/v1/units/import?asOf=2017-12-31', csv, { token: await client.token('proposer'), contentType: 'text/csv' }), 403, 'FORBIDDEN');
    expect(await client.eventCount()).toBe(before);
  });
});
