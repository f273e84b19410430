import { randomUUID } from 'node:crypto';
import { expectProblem } from '../support/problem';
import { type Bed, absorbH2IntoH1, startProposalsBed } from './proposals-test-bed';

interface Proposal {
  id: string;
  title: string;
  status: string;
  dossierVersion: number;
  dossierHash: string;
  governingBodyId: string;
  proposedBy: string;
  operations: unknown[];
  steps: unknown[];
  attachments: unknown[];
  withdrawal?: { reason: string; by: string };
}

interface Page {
  items: Proposal[];
  total: number;
  page: number;
  pageSize: number;
}

describe('proposal drafts over HTTP (embedded SQLite)', () => {
  let bed: Bed;
  let proposer: string;
  let educationProposer: string;
  let appraiser: string;

  beforeAll(async () => {
    bed = await startProposalsBed();
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    educationProposer = await bed.token('tran.thi.b', ['proposer'], [bed.bodies.education]);
    appraiser = await bed.token('le.van.c', ['doha_appraiser']);
  });

  afterAll(async () => {
    await bed.close();
  });

  async function create(overrides: Record<string, unknown> = {}, token = proposer): Promise<Proposal> {
    const response = await bed.call(token, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, overrides));
    expect(response.status).toBe(201);
    return (await response.json()) as Proposal;
  }

  /** The request is refused with this problem and the event log does not move. */
  async function refused(request: () => Promise<Response>, status: number, code: string): Promise<Record<string, unknown>> {
    const before = await bed.head();
    const body = await expectProblem(await request(), status, code);
    expect(await bed.head()).toBe(before);
    return body;
  }

  describe('POST /api/v1/proposals', () => {
    it('drafts a proposal: 201, DRAFT at dossier version 1, with its hash, an ETag and a Location', async () => {
      const response = await bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed));
      expect(response.status).toBe(201);
      const proposal = (await response.json()) as Proposal;
      expect(proposal).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Sáp nhập Trung tâm Y tế dự phòng vào Bệnh viện Đa khoa tỉnh',
        status: 'DRAFT',
        dossierVersion: 1,
        dossierHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        governingBodyId: bed.bodies.health,
        proposedBy: 'nguyen.van.a',
        rationale: 'Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW',
        proposedEffectiveDate: '2024-07-01',
        operations: [{ type: 'ABSORB', targetUnitId: bed.units.h1, sourceUnitIds: [bed.units.h2] }],
        steps: [],
        attachments: [],
      });
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/api/v1/proposals/${proposal.id}`);
    });

    it('accepts units named by code, including one an earlier operation creates', async () => {
      const proposal = await create({
        operations: [
          { type: 'ESTABLISH', unit: { code: 'H9', name: 'Trung tâm Kiểm nghiệm', governingBodyId: bed.bodies.health, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 20 } },
          { type: 'RENAME', unitCode: 'H9', newName: 'Trung tâm Kiểm nghiệm thuốc' },
          { type: 'CHANGE_STAFFING_QUOTA', unitCode: 'h1', staffingQuota: 35 },
        ],
      });
      expect(proposal.operations).toHaveLength(3);
    });

    it('refuses a malformed body with 400 naming the fields, and appends nothing', async () => {
      const body = await refused(
        () => bed.call(proposer, 'POST', '/api/v1/proposals', { ...absorbH2IntoH1(bed), proposedEffectiveDate: '2024-02-30', operations: [{ type: 'MERGE_ALL' }], extra: 1 }),
        400,
        'VALIDATION_FAILED',
      );
      const paths = (body.errors as { path?: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['proposedEffectiveDate', 'operations[0].type']));
      await refused(() => bed.call(proposer, 'POST', '/api/v1/proposals', { ...absorbH2IntoH1(bed), operations: [] }), 400, 'VALIDATION_FAILED');
      await refused(() => bed.call(proposer, 'POST', '/api/v1/proposals', { ...absorbH2IntoH1(bed), operations: [{ type: 'RENAME', newName: 'X' }] }), 400, 'VALIDATION_FAILED');
    });

    it('refuses an unknown unit with 404 naming the operation, and appends nothing', async () => {
      const body = await refused(
        () => bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, { operations: [{ type: 'DISSOLVE', unitId: randomUUID(), settlementRef: 'BB-01/2024' }] })),
        404,
        'NOT_FOUND',
      );
      expect(body.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_UNIT', path: 'operations[0].unitId', operationIndex: 0 })]);
      await refused(() => bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, { operations: [{ type: 'RENAME', unitCode: 'NOPE', newName: 'X' }] })), 404, 'NOT_FOUND');
      await refused(() => bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, { governingBodyId: randomUUID() })), 404, 'NOT_FOUND');
    });

    it('refuses with 403 a proposal for another body, a unit of another body and a transfer to another body; appends nothing', async () => {
      const otherBody = await refused(() => bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, { governingBodyId: bed.bodies.education })), 403, 'FORBIDDEN');
      expect(otherBody.errors).toEqual([expect.objectContaining({ code: 'GOVERNING_BODY_NOT_ALLOWED', path: 'governingBodyId' })]);
      const otherUnit = await refused(
        () => bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, { operations: [{ type: 'RENAME', unitId: bed.units.e1, newName: 'Trường Y' }] })),
        403,
        'FORBIDDEN',
      );
      expect(otherUnit.errors).toEqual([expect.objectContaining({ code: 'UNIT_NOT_ALLOWED', path: 'operations[0].unitId' })]);
      const transfer = await refused(
        () => bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed, { operations: [{ type: 'TRANSFER', unitId: bed.units.h2, toGoverningBodyId: bed.bodies.party }] })),
        403,
        'FORBIDDEN',
      );
      expect(transfer.errors).toEqual([expect.objectContaining({ path: 'operations[0].toGoverningBodyId' })]);
    });

    it('refuses roles other than proposer with 403, and no token with 401', async () => {
      await refused(() => bed.call(appraiser, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed)), 403, 'FORBIDDEN');
      await refused(() => bed.call(bed.admin, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed)), 403, 'FORBIDDEN');
      await refused(() => fetch(`${bed.url}/api/v1/proposals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(absorbH2IntoH1(bed)) }), 401, 'UNAUTHENTICATED');
    });

    it('answers a repeated Idempotency-Key with the first proposal and appends nothing more', async () => {
      const key = { 'idempotency-key': randomUUID() };
      const first = await bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed), key);
      expect(first.status).toBe(201);
      const head = await bed.head();
      const again = await bed.call(proposer, 'POST', '/api/v1/proposals', absorbH2IntoH1(bed), key);
      expect(again.status).toBe(201);
      expect(((await again.json()) as Proposal).id).toBe(((await first.json()) as Proposal).id);
      expect(await bed.head()).toBe(head);
    });
  });

  describe('PUT /api/v1/proposals/{id}', () => {
    it('amends with If-Match: 200, dossier version + 1, new content and hash', async () => {
      const draft = await create();
      const response = await bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, absorbH2IntoH1(bed, { title: 'Tiêu đề đã sửa', proposedEffectiveDate: '2024-10-01' }), {
        'if-match': '"1"',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"2"');
      const amended = (await response.json()) as Proposal;
      expect(amended).toMatchObject({ id: draft.id, status: 'DRAFT', dossierVersion: 2, title: 'Tiêu đề đã sửa', proposedBy: 'nguyen.van.a' });
      expect(amended.dossierHash).not.toBe(draft.dossierHash);
    });

    it('refuses an amendment without If-Match with 428 and a stale one with 412; appends nothing', async () => {
      const draft = await create();
      await refused(() => bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, absorbH2IntoH1(bed)), 428, 'PRECONDITION_REQUIRED');
      await refused(() => bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, absorbH2IntoH1(bed), { 'if-match': '"2"' }), 412, 'PRECONDITION_FAILED');
      await refused(() => bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, absorbH2IntoH1(bed), { 'if-match': 'banana' }), 412, 'PRECONDITION_FAILED');
      const current = await bed.call(proposer, 'GET', `/api/v1/proposals/${draft.id}`);
      expect(((await current.json()) as Proposal).dossierVersion).toBe(1);
    });

    it('checks the amended content like a new proposal: 400, 404, 403', async () => {
      const draft = await create();
      const put = (body: unknown) => () => bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, body, { 'if-match': '"1"' });
      await refused(put({ title: 'x' }), 400, 'VALIDATION_FAILED');
      await refused(put(absorbH2IntoH1(bed, { operations: [{ type: 'RENAME', unitId: randomUUID(), newName: 'X' }] })), 404, 'NOT_FOUND');
      await refused(put(absorbH2IntoH1(bed, { governingBodyId: bed.bodies.education })), 403, 'FORBIDDEN');
    });

    it('answers 404 for an unknown proposal and for another body’s proposal', async () => {
      const draft = await create();
      await refused(() => bed.call(educationProposer, 'PUT', `/api/v1/proposals/${draft.id}`, absorbH2IntoH1(bed), { 'if-match': '"1"' }), 404, 'NOT_FOUND');
      await refused(() => bed.call(proposer, 'PUT', `/api/v1/proposals/${randomUUID()}`, absorbH2IntoH1(bed), { 'if-match': '"1"' }), 404, 'NOT_FOUND');
    });

    it('refuses to amend a withdrawn proposal with 409 INVALID_STATE', async () => {
      const draft = await create();
      expect((await bed.call(proposer, 'POST', `/api/v1/proposals/${draft.id}/withdraw`, { reason: 'Chờ chủ trương' })).status).toBe(200);
      await refused(() => bed.call(proposer, 'PUT', `/api/v1/proposals/${draft.id}`, absorbH2IntoH1(bed), { 'if-match': '"1"' }), 409, 'INVALID_STATE');
    });
  });

  describe('POST /api/v1/proposals/{id}/withdraw', () => {
    it('withdraws: 200 WITHDRAWN with the reason; a second withdrawal is 409 INVALID_STATE', async () => {
      const draft = await create();
      const response = await bed.call(proposer, 'POST', `/api/v1/proposals/${draft.id}/withdraw`, { reason: 'Chờ chủ trương mới của Tỉnh ủy' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: draft.id, status: 'WITHDRAWN', dossierVersion: 1, withdrawal: { reason: 'Chờ chủ trương mới của Tỉnh ủy', by: 'nguyen.van.a' } });
      await refused(() => bed.call(proposer, 'POST', `/api/v1/proposals/${draft.id}/withdraw`, { reason: 'lần nữa' }), 409, 'INVALID_STATE');
    });

    it('refuses a missing reason (400), another body’s proposal (404) and a non-proposer (403)', async () => {
      const draft = await create();
      await refused(() => bed.call(proposer, 'POST', `/api/v1/proposals/${draft.id}/withdraw`, {}), 400, 'VALIDATION_FAILED');
      await refused(() => bed.call(educationProposer, 'POST', `/api/v1/proposals/${draft.id}/withdraw`, { reason: 'r' }), 404, 'NOT_FOUND');
      await refused(() => bed.call(appraiser, 'POST', `/api/v1/proposals/${draft.id}/withdraw`, { reason: 'r' }), 403, 'FORBIDDEN');
    });
  });

  describe('GET /api/v1/proposals/{id}', () => {
    it('shows the proposal to its proposer and to an appraiser, and is 404 to another body’s proposer', async () => {
      const draft = await create();
      const own = await bed.call(proposer, 'GET', `/api/v1/proposals/${draft.id}`);
      expect(own.status).toBe(200);
      expect(own.headers.get('etag')).toBe('"1"');
      expect(await own.json()).toEqual(draft);
      expect(await (await bed.call(appraiser, 'GET', `/api/v1/proposals/${draft.id}`)).json()).toEqual(draft);
      await expectProblem(await bed.call(educationProposer, 'GET', `/api/v1/proposals/${draft.id}`), 404, 'NOT_FOUND');
      await expectProblem(await bed.call(proposer, 'GET', `/api/v1/proposals/${randomUUID()}`), 404, 'NOT_FOUND');
      await expectProblem(await bed.call(proposer, 'GET', '/api/v1/proposals/not-a-uuid'), 404, 'NOT_FOUND');
    });
  });

  describe('GET /api/v1/proposals', () => {
    let mine: Proposal[];
    let theirs: Proposal;

    beforeAll(async () => {
      mine = [await create({ title: 'Đề án thứ nhất' }), await create({ title: 'Đề án thứ hai' }), await create({ title: 'Đề án thứ ba' })];
      await bed.call(proposer, 'POST', `/api/v1/proposals/${mine[1].id}/withdraw`, { reason: 'Không còn phù hợp' });
      theirs = await create({ governingBodyId: bed.bodies.education, operations: [{ type: 'RENAME', unitId: bed.units.e1, newName: 'Trường Cao đẳng Y tế tỉnh' }] }, educationProposer);
    });

    const list = async (token: string, query = ''): Promise<Page> => {
      const response = await bed.call(token, 'GET', `/api/v1/proposals${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as Page;
    };

    it('lists newest first, a proposer only their bodies’ proposals, right after the writes', async () => {
      const page = await list(proposer);
      expect(page).toMatchObject({ page: 1, pageSize: 50 });
      expect(page.items.every((p) => p.governingBodyId === bed.bodies.health)).toBe(true);
      expect(page.total).toBe(page.items.length);
      expect(page.items.slice(0, 3).map((p) => p.title)).toEqual(['Đề án thứ ba', 'Đề án thứ hai', 'Đề án thứ nhất']);
      expect(page.items[1]).toMatchObject({ status: 'WITHDRAWN' });
      expect(page.items.map((p) => p.id)).not.toContain(theirs.id);
    });

    it('lists every proposal to approvers, filtered by status and governing body', async () => {
      const all = await list(appraiser);
      expect(all.items.map((p) => p.id)).toEqual(expect.arrayContaining([theirs.id, ...mine.map((p) => p.id)]));
      expect(all.items[0].id).toBe(theirs.id);
      const withdrawn = await list(appraiser, '?status=WITHDRAWN');
      expect(withdrawn.items.length).toBeGreaterThan(0);
      expect(withdrawn.items.every((p) => p.status === 'WITHDRAWN')).toBe(true);
      const education = await list(appraiser, `?governingBodyId=${bed.bodies.education}`);
      expect(education.items.map((p) => p.id)).toEqual([theirs.id]);
      expect((await list(educationProposer, `?governingBodyId=${bed.bodies.health}`)).items).toEqual([]);
    });

    it('pages (1-based) and clamps pageSize to 500', async () => {
      const first = await list(appraiser, '?page=1&pageSize=2');
      const second = await list(appraiser, '?page=2&pageSize=2');
      expect(first).toMatchObject({ page: 1, pageSize: 2 });
      expect(first.items).toHaveLength(2);
      expect(second.items[0].id).not.toBe(first.items[1].id);
      expect(second.total).toBe(first.total);
      expect((await list(appraiser, '?pageSize=100000')).pageSize).toBe(500);
    });

    it('refuses an unknown status or a bad page with 400', async () => {
      await expectProblem(await bed.call(appraiser, 'GET', '/api/v1/proposals?status=MAYBE'), 400, 'VALIDATION_FAILED');
      await expectProblem(await bed.call(appraiser, 'GET', '/api/v1/proposals?page=0'), 400, 'VALIDATION_FAILED');
    });
  });
});
