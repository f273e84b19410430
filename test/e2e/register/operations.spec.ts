import { RegisterClient } from './register-client';
import { type Body, decision, importUnits, registerBody, unitRow } from './register-fixtures';

type Recorded = { decisions: { number: string; createdUnits: { code: string; unitId: string }[] }[] };

describe('the ten operations over HTTP, naming units by id and by code', () => {
  let client: RegisterClient;
  let health: Body;
  let party: Body;

  beforeAll(async () => {
    client = await RegisterClient.start();
    health = await registerBody(client);
    party = await registerBody(client, { name: 'Hội Liên hiệp Phụ nữ tỉnh', system: 'PARTY_MASS' });
  });

  afterAll(() => client.close());

  it('applies every operation type in one batch, in order, with the unit events each one records', async () => {
    const codes = ['OP-A', 'OP-B', 'OP-C', 'OP-D', 'OP-E', 'OP-F', 'OP-G', 'OP-H', 'OP-I', 'OP-J'];
    const ids = await importUnits(client, codes.map((code) => unitRow(health, { code, staffingQuota: 40, autonomyGroup: 'G2' })));
    const fresh = (code: string, staffingQuota: number) => ({ code, name: `Đơn vị ${code}`, governingBodyId: health.id, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G2', staffingQuota });
    const before = await client.eventCount();
    const result = await client.ok<Recorded>('/api/v1/decisions/import', {
      decisions: [
        decision('1/QĐ-UBND', '2022-01-01', [
          { type: 'ESTABLISH', unit: fresh('OP-NEW', 20) },
          { type: 'CONSOLIDATE', sourceUnitIds: [ids.get('OP-A')], sourceUnitCodes: ['OP-B'], newUnit: fresh('OP-AB', 80) },
          { type: 'ABSORB', targetUnitCode: 'OP-C', sourceUnitCodes: ['OP-D'] },
          { type: 'DIVIDE', sourceUnitCode: 'OP-E', newUnits: [fresh('OP-E1', 20), fresh('OP-E2', 20)] },
          { type: 'SEPARATE', sourceUnitId: ids.get('OP-F'), newUnit: fresh('OP-F1', 15), sourceStaffingQuotaAfter: 25 },
          { type: 'DISSOLVE', unitCode: 'OP-G', settlementRef: 'BB-12/2021 quyết toán' },
          { type: 'RENAME', unitCode: 'OP-NEW', newName: 'Trung tâm Chuyển đổi số' },
          { type: 'TRANSFER', unitCode: 'OP-H', toGoverningBodyId: party.id },
          { type: 'CHANGE_AUTONOMY', unitCode: 'OP-I', autonomyGroup: 'G1' },
          { type: 'CHANGE_STAFFING_QUOTA', unitId: ids.get('OP-J'), staffingQuota: 30 },
        ]),
      ],
    });
    expect(result.decisions[0].createdUnits.map((u) => u.code)).toEqual(['OP-NEW', 'OP-AB', 'OP-E1', 'OP-E2', 'OP-F1']);
    const types = (await client.store().readAll({ after: before })).map((e) => e.type);
    for (const type of ['UnitEstablished', 'UnitMerged', 'UnitAbsorbedUnits', 'UnitPartSeparated', 'UnitDissolved', 'UnitRenamed', 'UnitTransferred', 'UnitAutonomyChanged', 'UnitStaffingQuotaChanged', 'DecisionRecorded']) {
      expect(types).toContain(type);
    }
    const transferred = (await client.store().readStream(`unit-${ids.get('OP-H')}`)).at(-1);
    expect(transferred?.data).toMatchObject({ fromSystem: 'GOVERNMENT', toSystem: 'PARTY_MASS', toGoverningBodyId: party.id });
  });
});
