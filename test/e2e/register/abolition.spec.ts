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
