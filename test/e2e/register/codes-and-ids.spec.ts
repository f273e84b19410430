import { absorbH2IntoH1, type Bed, startProposalsBed } from '../proposals/proposals-test-bed';
import { expectProblem } from '../support/problem';
import { decision } from './register-fixtures';

/** Units and governing bodies addressed by code wherever an id is accepted: a UUID is an id, anything else a code. */
describe('codes wherever ids go (real HTTP)', () => {
  let bed: Bed;
  let auditor: string;

  const answer = async (path: string, token = bed.admin) => {
    const response = await bed.call(token, 'GET', path);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    bed = await startProposalsBed();
    auditor = await bed.token('auditor', ['auditor']);
    // H2 absorbed into H1: lineage and history with something in them.
    const recorded = await bed.call(bed.admin, 'POST', '/api/v1/decisions/import', {
      decisions: [decision('9/QĐ-UBND', '2020-01-01', [{ type: 'ABSORB', targetUnitCode: 'H1', sourceUnitCodes: ['H2'] }])],
    });
    expect(recorded.status).toBe(201);
  });

  afterAll(() => bed.close());

  it.each([
    ['unit', (id: string) => `/api/v1/units/${id}`],
    ['unit as of a date', (id: string) => `/api/v1/units/${id}?asOf=2019-06-01`],
    ['lineage', (id: string) => `/api/v1/units/${id}/lineage`],
    ['history', (id: string) => `/api/v1/units/${id}/history`],
  ])('GET a %s by code answers as by id, any case', async (_what, path) => {
    for (const [code, id] of [['H1', bed.units.h1], ['h2', bed.units.h2]] as const) {
      const byId = await answer(path(id), auditor);
      expect(byId.status).toBe(200);
      expect(await answer(path(code), auditor)).toEqual(byId);
    }
    const lineage = (await answer(`/api/v1/units/H2/lineage`)).body as { successors: { unitId: string }[] };
    expect(JSON.stringify(lineage)).toContain(bed.units.h1);
  });

  it.each([
    ['unit', '/api/v1/units/YT-TTYT-99'],
    ['lineage', '/api/v1/units/YT-TTYT-99/lineage'],
    ['history', '/api/v1/units/YT-TTYT-99/history'],
    ['governing body', '/api/v1/governing-bodies/SYT-99'],
    ['body lineage', '/api/v1/governing-bodies/SYT-99/lineage'],
  ])('an unknown code for a %s is 404 naming it, like an unknown id', async (_what, path) => {
    const problem = await expectProblem(await bed.call(bed.admin, 'GET', path), 404, 'NOT_FOUND');
    expect(problem.detail).toContain(path.split('/')[4]);
  });

  it('GET a governing body and its lineage by code answers as by id', async () => {
    for (const path of [(ref: string) => `/api/v1/governing-bodies/${ref}?asOf=2020-01-01`, (ref: string) => `/api/v1/governing-bodies/${ref}/lineage`]) {
      const byId = await answer(path(bed.bodies.health));
      expect(byId.status).toBe(200);
      expect(await answer(path('syt'))).toEqual(byId);
    }
  });

  it('registers a body with Location, then renames and abolishes it by code', async () => {
    const created = await bed.call(bed.admin, 'POST', '/api/v1/governing-bodies', { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', system: 'GOVERNMENT', level: 'PROVINCE' });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    expect(created.headers.get('location')).toBe(`/api/v1/governing-bodies/${body.id}`);
    expect(await answer(created.headers.get('location')!)).toEqual(await answer('/api/v1/governing-bodies/SKHCN'));

    const renamed = await bed.call(bed.admin, 'POST', '/api/v1/governing-bodies/SKHCN/rename', { name: 'Sở KH&CN', effectiveDate: '2024-01-01', decision: { number: '3/QĐ-UBND', date: '2023-12-20' } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: body.id, code: 'SKHCN', name: 'Sở KH&CN' });
    expect(((await answer('/api/v1/governing-bodies/skhcn?asOf=2024-06-01')).body as { name: string }).name).toBe('Sở KH&CN');

    const abolished = await bed.call(bed.admin, 'POST', '/api/v1/governing-bodies/SKHCN/abolish', {
      effectiveDate: '2025-03-01',
      decision: { number: '4/QĐ-UBND', date: '2025-02-20' },
      transferUnitsTo: bed.bodies.education,
    });
    expect(abolished.status).toBe(200);
    expect(await abolished.json()).toMatchObject({ id: body.id, abolishedOn: '2025-03-01' });
    expect(((await answer('/api/v1/governing-bodies/SKHCN?asOf=2025-06-01')).body as { status: string }).status).toBe('ABOLISHED');
  });

  it('an unknown code on rename or abolish is 404 naming it, writing nothing', async () => {
    const before = await bed.head();
    const rename = { name: 'X', effectiveDate: '2024-01-01', decision: { number: '5/QĐ-UBND', date: '2023-12-20' } };
    const abolish = { effectiveDate: '2025-03-01', decision: { number: '6/QĐ-UBND', date: '2025-02-20' }, transferUnitsTo: bed.bodies.education };
    for (const [path, request] of [['rename', rename], ['abolish', abolish]] as const) {
      const problem = await expectProblem(await bed.call(bed.admin, 'POST', `/api/v1/governing-bodies/NO-SUCH-BODY/${path}`, request), 404, 'NOT_FOUND');
      expect(problem.detail).toContain('NO-SUCH-BODY');
    }
    expect(await bed.head()).toBe(before);
  });

  it('refuses a UUID-shaped code for a body or a unit (422 INVALID_CODE), writing nothing', async () => {
    const before = await bed.head();
    const uuid = '6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11';
    const body = await expectProblem(await bed.call(bed.admin, 'POST', '/api/v1/governing-bodies', { code: uuid, name: 'X', system: 'GOVERNMENT', level: 'PROVINCE' }), 422, 'RULE_VIOLATION');
    expect(body.errors).toEqual([expect.objectContaining({ code: 'INVALID_CODE', path: 'code' })]);
    const unit = { code: uuid.toUpperCase(), name: 'X', governingBodyCode: 'SYT', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 };
    const units = await expectProblem(await bed.call(bed.admin, 'POST', '/api/v1/units/import', { asOf: '2017-12-31', units: [unit] }), 422, 'RULE_VIOLATION');
    expect(units.errors).toEqual([expect.objectContaining({ code: 'INVALID_CODE' })]);
    expect(await bed.head()).toBe(before);
  });

  describe('a proposal names its governing body by code', () => {
    let proposer: string;
    beforeAll(async () => {
      proposer = await bed.token('drafter', ['proposer'], [bed.bodies.health]);
    });

    const withCode = (code: string) => {
      const { governingBodyId: _byId, ...rest } = absorbH2IntoH1(bed, { proposedEffectiveDate: '2026-07-01', operations: [{ type: 'RENAME', unitCode: 'H1', newName: 'Bệnh viện tỉnh' }] });
      return { ...rest, governingBodyCode: code };
    };

    it('drafts and amends with governingBodyCode, answering the body id', async () => {
      const created = await bed.call(proposer, 'POST', '/api/v1/proposals', withCode('SYT'));
      const draft = (await created.json()) as { id: string; governingBodyId: string };
      expect({ status: created.status, governingBodyId: draft.governingBodyId }).toEqual({ status: 201, governingBodyId: bed.bodies.health });

      const amended = await bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, { ...withCode('syt'), title: 'Đổi tên bệnh viện' }, { 'if-match': '"1"' });
      expect(amended.status).toBe(200);
      expect(await amended.json()).toMatchObject({ governingBodyId: bed.bodies.health, title: 'Đổi tên bệnh viện', dossierVersion: 2 });
    });

    it('an unknown code is 404 UNKNOWN_GOVERNING_BODY naming it; both or neither is 400; nothing written', async () => {
      const before = await bed.head();
      const unknown = await expectProblem(await bed.call(proposer, 'POST', '/api/v1/proposals', withCode('SYT-99')), 404, 'NOT_FOUND');
      expect(unknown.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_GOVERNING_BODY', path: 'governingBodyCode' })]);
      expect(JSON.stringify(unknown)).toContain('SYT-99');

      const both = await expectProblem(await bed.call(proposer, 'POST', '/api/v1/proposals', { ...withCode('SYT'), governingBodyId: bed.bodies.health }), 400, 'VALIDATION_FAILED');
      expect(both.errors).toEqual([expect.objectContaining({ code: 'GOVERNING_BODY_REFERENCE', path: 'governingBodyId' })]);
      const { governingBodyCode: _code, ...neither } = withCode('SYT');
      await expectProblem(await bed.call(proposer, 'POST', '/api/v1/proposals', neither), 400, 'VALIDATION_FAILED');
      expect(await bed.head()).toBe(before);
    });
  });
});
