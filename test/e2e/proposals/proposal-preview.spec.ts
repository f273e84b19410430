import { expectProblem } from '../support/problem';
import { type Bed, absorbH2IntoH1, startProposalsBed } from './proposals-test-bed';

interface PreviewedUnit {
  unitId: string;
  code: string;
  isNew: boolean;
  before?: { status: string; name: string; staffingQuota: number };
  after?: { status: string; name: string; staffingQuota: number };
}
interface Preview {
  proposalId: string;
  dossierVersion: number;
  effectiveDate: string;
  ok: boolean;
  violations: { code: string }[];
  units: PreviewedUnit[];
}

describe('GET /api/v1/proposals/{id}/preview: the dry run of a proposal (embedded SQLite)', () => {
  let bed: Bed;
  let proposer: string;
  let auditor: string;
  let otherProposer: string;

  beforeAll(async () => {
    bed = await startProposalsBed();
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    otherProposer = await bed.token('tran.thi.b', ['proposer'], [bed.bodies.education]);
    auditor = await bed.token('kiem.toan', ['auditor']);
  }, 60_000);

  afterAll(async () => {
    await bed.close();
  });

  async function draft(body: Record<string, unknown>): Promise<string> {
    const response = await bed.call(proposer, 'POST', '/api/v1/proposals', body);
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function preview(id: string, token = proposer, query = ''): Promise<Preview> {
    const response = await bed.call(token, 'GET', `/api/v1/proposals/${id}/preview${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Preview;
  }

  it('shows a consolidation: both sources merged after, the new unit only after, and appends nothing', async () => {
    const id = await draft(
      absorbH2IntoH1(bed, {
        operations: [{ type: 'CONSOLIDATE', sourceUnitIds: [bed.units.h1, bed.units.h2], newUnit: { code: 'H-NEW', name: 'Trung tâm Y tế tỉnh', governingBodyId: bed.bodies.health, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 70 } }],
      }),
    );
    const head = await bed.head();
    const result = await preview(id);
    expect(result).toMatchObject({ proposalId: id, dossierVersion: 1, effectiveDate: '2024-07-01', ok: true, violations: [] });
    const byCode = Object.fromEntries(result.units.map((u) => [u.code, u]));
    expect(byCode.H1).toMatchObject({ isNew: false, before: { status: 'ACTIVE' }, after: { status: 'MERGED' } });
    expect(byCode.H2).toMatchObject({ before: { status: 'ACTIVE' }, after: { status: 'MERGED' } });
    expect(byCode['H-NEW']).toMatchObject({ isNew: true, after: { status: 'ACTIVE', name: 'Trung tâm Y tế tỉnh', staffingQuota: 70 } });
    expect(byCode['H-NEW'].before).toBeUndefined();
    expect(await bed.head()).toBe(head);
    const units = (await (await bed.call(auditor, 'GET', '/api/v1/units?asOf=2024-07-01&q=H-NEW')).json()) as { total: number };
    expect(units.total).toBe(0);
  });

  it('answers the rules that would refuse it on another date, with the units unchanged', async () => {
    const id = await draft(absorbH2IntoH1(bed, { operations: [{ type: 'RENAME', unitId: bed.units.h1, newName: 'Bệnh viện tỉnh' }] }));
    const result = await preview(id, auditor, '?effectiveDate=2010-01-01');
    expect(result.ok).toBe(false);
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.units.every((u) => JSON.stringify(u.before) === JSON.stringify(u.after))).toBe(true);
  });

  it('is 404 for a proposer of another governing body, and 400 for a malformed date', async () => {
    const id = await draft(absorbH2IntoH1(bed));
    await expectProblem(await bed.call(otherProposer, 'GET', `/api/v1/proposals/${id}/preview`), 404, 'NOT_FOUND');
    const bad = await bed.call(proposer, 'GET', `/api/v1/proposals/${id}/preview?effectiveDate=01/07/2024`);
    expect(bad.status).toBe(400);
  });
});
