import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { importUnits, registerBody, unitRow } from './register-fixtures';

describe('governing body abolition (real HTTP)', () => {
  let client: RegisterClient;

  beforeAll(async () => {
    client = await RegisterClient.start();
  });

  afterAll(() => client.close());

  it('abolishes a district and moves its active units to another body in one atomic append', async () => {
    const district = await registerBody(client, { name: 'UBND huyện Hòa An', level: 'DISTRICT' });
    const city = await registerBody(client, { name: 'UBND thành phố', level: 'DISTRICT' });
    const units = await importUnits(client, [unitRow(district), unitRow(district), unitRow(city)]);
    const [first, second, elsewhere] = [...units.values()];

    const result = await client.ok<{ transferredUnitIds: string[] }>(
      `/api/v1/governing-bodies/${district.id}/abolish`,
      { effectiveDate: '2023-07-01', decision: { number: '77/NQ-UBTVQH', date: '2023-06-15', issuer: 'Ủy ban Thường vụ Quốc hội' }, transferUnitsTo: city.id },
      200,
    );
    expect(result.transferredUnitIds.sort()).toEqual([first, second].sort());
    expect(result.transferredUnitIds).not.toContain(elsewhere);

    const store = client.store();
    for (const unitId of [first, second]) {
      const events = await store.readStream(`unit-${unitId}`);
      expect(events.map((e) => e.type)).toEqual(['UnitRegistered', 'UnitTransferred']);
      expect(events[1].data).toMatchObject({ fromGoverningBodyId: district.id, toGoverningBodyId: city.id, effectiveDate: '2023-07-01' });
    }
    const body = await client.get(`/api/v1/governing-bodies/${district.id}?asOf=2023-07-01`);
    expect(await body.json()).toMatchObject({ status: 'ABOLISHED', abolishedOn: '2023-07-01' });
    const before = await client.get(`/api/v1/governing-bodies/${district.id}?asOf=2023-06-30`);
    expect(await before.json()).toMatchObject({ status: 'ACTIVE' });
  });

  it('splits the units among several destinations (a destination per unit, the rest to a default), like a decision splitting the body', async () => {
    const district = await registerBody(client, { name: 'UBND huyện Bạch Thông', level: 'DISTRICT' });
    const communeA = await registerBody(client, { name: 'UBND xã Phủ Thông', level: 'COMMUNE' });
    const communeB = await registerBody(client, { name: 'UBND xã Cẩm Giàng', level: 'COMMUNE' });
    const education = await registerBody(client, { name: 'Sở Giáo dục và Đào tạo' });
    const rows = [unitRow(district, { level: 'DISTRICT', sector: 'EDUCATION' }), unitRow(district, { level: 'DISTRICT' }), unitRow(district, { level: 'DISTRICT' }), unitRow(district, { level: 'DISTRICT' })];
    const ids = [...(await importUnits(client, rows)).values()];
    const decision = { number: '1500/QĐ-UBND', date: '2025-06-20' };

    const result = await client.ok<{ transferredUnitIds: string[]; unitDestinations: unknown[]; transferUnitsTo: string }>(
      `/api/v1/governing-bodies/${district.id}/abolish`,
      {
        effectiveDate: '2025-07-01',
        decision,
        transferUnitsTo: communeA.id,
        unitDestinations: [
          { unitId: ids[0], toBodyId: education.id },
          { unitId: ids[1], toBodyId: communeB.id },
        ],
      },
      200,
    );
    expect(result.transferredUnitIds.sort()).toEqual([...ids].sort());
    expect(result.transferUnitsTo).toBe(communeA.id);
    const destinations = [education.id, communeB.id, communeA.id, communeA.id];
    for (const [i, unitId] of ids.entries()) {
      const events = await client.store().readStream(`unit-${unitId}`);
      expect(events.map((e) => e.type)).toEqual(['UnitRegistered', 'UnitTransferred']);
      expect(events[1].data).toMatchObject({ fromGoverningBodyId: district.id, toGoverningBodyId: destinations[i], effectiveDate: '2025-07-01', bodyOperation: 'SPLIT_BODY', decision: { number: decision.number } });
    }
    expect(await (await client.get(`/api/v1/governing-bodies/${district.id}?asOf=2025-07-01`)).json()).toMatchObject({ status: 'ABOLISHED', abolishedOn: '2025-07-01' });
    const lineage = (await (await client.get(`/api/v1/governing-bodies/${district.id}/lineage`)).json()) as { successors: { bodyId: string }[] };
    expect(lineage.successors.map((s) => s.bodyId).sort()).toEqual([communeA.id, communeB.id, education.id].sort());
  });

  it('refuses a split without a default destination, and a destination at the closed DISTRICT level, writing nothing', async () => {
    const district = await registerBody(client, { level: 'DISTRICT' });
    const otherDistrict = await registerBody(client, { level: 'DISTRICT' });
    const commune = await registerBody(client, { level: 'COMMUNE' });
    const ids = [...(await importUnits(client, [unitRow(district, { level: 'DISTRICT' }), unitRow(district, { level: 'DISTRICT' })])).values()];
    const count = await client.eventCount();
    const noDefault = await client.post(`/api/v1/governing-bodies/${district.id}/abolish`, {
      effectiveDate: '2025-07-01',
      decision: { number: '1501/QĐ-UBND', date: '2025-06-20' },
      unitDestinations: [{ unitId: ids[0], toBodyId: commune.id }],
    });
    expect((await expectProblem(noDefault, 400, 'VALIDATION_FAILED')).errors).toEqual([expect.objectContaining({ path: 'transferUnitsTo' })]);
    const toDistrict = await client.post(
      `/api/v1/governing-bodies/${district.id}/abolish`,
      { effectiveDate: '2025-07-01', decision: { number: '1502/QĐ-UBND', date: '2025-06-20' }, transferUnitsTo: commune.id, unitDestinations: [{ unitId: ids[1], toBodyId: otherDistrict.id }] },
      { language: 'vi' },
    );
    const problem = await expectProblem(toDistrict, 422, 'RULE_VIOLATION');
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'LEVEL_NOT_IN_EFFECT', path: 'unitDestinations[0].toBodyId' })]);
    expect(problem.detail).toMatch(/203\/2025\/QH15/);
    const notUnder = await client.post(`/api/v1/governing-bodies/${district.id}/abolish`, {
      effectiveDate: '2025-07-01',
      decision: { number: '1503/QĐ-UBND', date: '2025-06-20' },
      transferUnitsTo: commune.id,
      unitDestinations: [{ unitId: '00000000-0000-4000-8000-000000000009', toBodyId: commune.id }],
    });
    expect((await expectProblem(notUnder, 422, 'RULE_VIOLATION')).errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_UNIT', path: 'unitDestinations[0].unitId' })]);
    expect(await client.eventCount()).toBe(count);
  });

  it('refuses abolishing a body twice (409 INVALID_STATE) and an unknown body (404), writing nothing', async () => {
    const district = await registerBody(client, { level: 'DISTRICT' });
    const target = await registerBody(client, { level: 'DISTRICT' });
    const request = { effectiveDate: '2023-07-01', decision: { number: '78/NQ', date: '2023-06-15' }, transferUnitsTo: target.id };
    await client.ok(`/api/v1/governing-bodies/${district.id}/abolish`, request, 200);

    const count = await client.eventCount();
    await expectProblem(await client.post(`/api/v1/governing-bodies/${district.id}/abolish`, { ...request, decision: { number: '79/NQ', date: '2023-06-15' } }), 409, 'INVALID_STATE');
    await expectProblem(await client.post('/api/v1/governing-bodies/00000000-0000-4000-8000-000000000000/abolish', request), 404, 'NOT_FOUND');
    expect(await client.eventCount()).toBe(count);
  });

  it('refuses moving the units to a body that does not exist (422), writing nothing', async () => {
    const district = await registerBody(client, { level: 'DISTRICT' });
    await importUnits(client, [unitRow(district)]);
    const count = await client.eventCount();
    const refused = await client.post(`/api/v1/governing-bodies/${district.id}/abolish`, {
      effectiveDate: '2023-07-01',
      decision: { number: '80/NQ', date: '2023-06-15' },
      transferUnitsTo: '00000000-0000-4000-8000-000000000001',
    });
    const problem = await expectProblem(refused, 422, 'RULE_VIOLATION');
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_GOVERNING_BODY' })]);
    expect(await client.eventCount()).toBe(count);
  });
});
