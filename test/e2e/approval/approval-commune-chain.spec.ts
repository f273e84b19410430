import { type ApprovalBed, approvalClient, json, startApprovalBed } from './approval-bed';

/** Decree 283: from 2025-11-01 the commune People's Committee decides on its own units (shipped policy v2). */
describe('who decides, by level and effective date (default policy v2)', () => {
  let bed: ApprovalBed;
  let commune: string;
  let otherCommune: string;
  let school: string;
  let admin: string;

  beforeAll(async () => {
    bed = await startApprovalBed();
    admin = await bed.token('admin', ['admin']);
    const body = async (code: string, name: string) =>
      (await json<{ id: string }>(await bed.call(admin, 'POST', '/api/v1/governing-bodies', { code, name, system: 'GOVERNMENT', level: 'COMMUNE' }), 201)).id;
    commune = await body('UBND-XA-A', 'UBND xã Phú Lương');
    otherCommune = await body('UBND-XA-B', 'UBND xã Định Hóa');
    const imported = await json<{ units: { code: string; unitId: string }[] }>(
      await bed.call(admin, 'POST', '/api/v1/units/import', {
        asOf: '2017-12-31',
        units: [{ code: 'MN-01', name: 'Trường Mầm non Phú Lương', governingBodyCode: 'UBND-XA-A', level: 'COMMUNE', sector: 'EDUCATION', autonomyGroup: 'G4', staffingQuota: 20 }],
      }),
      201,
    );
    school = imported.units[0].unitId;
  });

  afterAll(() => bed.close());

  const rename = (proposedEffectiveDate: string, operations?: unknown[]) => ({
    title: 'Đổi tên trường mầm non',
    rationale: 'Sau sắp xếp đơn vị hành chính cấp xã',
    governingBodyId: commune,
    proposedEffectiveDate,
    operations: operations ?? [{ type: 'RENAME', unitId: school, newName: `Trường Mầm non xã Phú Lương ${proposedEffectiveDate}` }],
  });

  it('effective 2025-11-01: the commune chain, one step for the commune leader of THAT commune; another commune\'s leader is refused', async () => {
    const client = approvalClient(bed);
    const proposer = await bed.token('nguyen.van.xa', ['proposer'], [commune]);
    const submitted = await client.submit(proposer, (await client.draft(proposer, rename('2025-11-01'))).id);
    expect(submitted.steps.map((s) => [s.name, s.role])).toEqual([['Quyết định của UBND xã', 'commune_leader']]);

    const stranger = await bed.token('chu.tich.xa.khac', ['commune_leader'], [otherCommune]);
    const step = submitted.steps[0].stepId;
    const refused = await client.decideRaw(stranger, submitted.id, step, { outcome: 'APPROVE', dossierVersion: submitted.dossierVersion, decision: { number: '5/QĐ-UBND', date: '2025-10-20', effectiveDate: '2025-11-01', signer: 'X' } });
    expect(refused.status).toBe(403);

    const leader = await bed.token('chu.tich.xa', ['commune_leader'], [commune]);
    const approved = await client.decide(leader, submitted, { decision: { number: '5/QĐ-UBND', date: '2025-10-20', effectiveDate: '2025-11-01', signer: 'Chủ tịch UBND xã' } });
    expect(approved.status).toBe('APPROVED');
    expect(approved.decision).toMatchObject({ issuer: 'UBND xã' });
  });

  it('effective 2025-10-31: the same kind of proposal goes to the province (Decree 283 not yet in force)', async () => {
    const client = approvalClient(bed);
    const proposer = await bed.token('nguyen.van.xa', ['proposer'], [commune]);
    const submitted = await client.submit(proposer, (await client.draft(proposer, rename('2025-10-31'))).id);
    expect(submitted.steps.map((s) => s.role)).toEqual(['doha_appraiser', 'ppc_leader']);
  });

  it('a transfer as it is out of the commune stays with the province after 2025-11-01', async () => {
    const client = approvalClient(bed);
    const proposer = await bed.token('nguyen.van.xa', ['proposer'], [commune, bed.bodies.health]);
    const transfer = rename('2025-12-01', [{ type: 'TRANSFER', unitId: school, toGoverningBodyId: bed.bodies.health }]);
    const submitted = await client.submit(proposer, (await client.draft(proposer, transfer)).id);
    expect(submitted.steps.map((s) => s.role)).toEqual(['doha_appraiser', 'ppc_leader']);
  });
});
