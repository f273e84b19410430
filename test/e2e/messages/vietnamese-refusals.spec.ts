import { expectProblem } from '../support/problem';
import { type ApprovalBed, DECISION, type Proposal, absorbH2IntoH1, approvalClient, json, startApprovalBed } from '../approval/approval-bed';

interface Item {
  code: string;
  detail: string;
  path?: string;
  row?: number;
}

/** Words a Vietnamese answer never holds (codes and field names aside). */
const ENGLISH = /\b(the|is|are|of|and|not|must|no|unit|body|decision|proposal|required|expected|received|invalid|unrecognized|already|cannot)\b/;

describe('refusals an official can act on: Vietnamese by default, naming the thing and what to do (real app, embedded SQLite)', () => {
  let bed: ApprovalBed;
  let client: ReturnType<typeof approvalClient>;
  let proposer: string;
  let admin: string;
  let doha: string;
  let party: string;

  beforeAll(async () => {
    bed = await startApprovalBed();
    client = approvalClient(bed);
    proposer = await bed.token('nguyen.van.a', ['proposer'], [bed.bodies.health]);
    admin = await bed.token('quan.tri', ['admin']);
    doha = await bed.token('le.van.tham.dinh', ['doha_appraiser']);
    party = await bed.token('pham.thuong.vu', ['party_standing_board']);
  });

  afterAll(async () => {
    await bed.close();
  });

  function vietnamese(text: string): void {
    expect(text).not.toMatch(ENGLISH);
    expect(text).not.toMatch(/\{\{|undefined/);
  }

  it('a domain refusal names the unit in Vietnamese in detail and errors[], and says where to look; English keeps its text', async () => {
    const dossier = absorbH2IntoH1(bed, { operations: [{ type: 'ABSORB', targetUnitCode: 'YT-TTYT-99', sourceUnitIds: [bed.units.h2] }] });
    const vi = await expectProblem(await bed.call(proposer, 'POST', '/api/v1/proposals', dossier), 404, 'NOT_FOUND');
    const [item] = vi.errors as Item[];
    expect(item).toMatchObject({ code: 'UNKNOWN_UNIT', path: 'operations[0].targetUnitCode' });
    expect(item.detail).toContain('YT-TTYT-99');
    expect(item.detail).toContain('GET /api/v1/units');
    expect(vi.detail).toContain('không có đơn vị YT-TTYT-99');
    vietnamese(vi.detail as string);
    vietnamese(item.detail);

    const en = await expectProblem(await bed.call(proposer, 'POST', '/api/v1/proposals', dossier, { 'accept-language': 'en' }), 404, 'NOT_FOUND');
    expect(en.detail).toBe('no unit YT-TTYT-99');
    expect((en.errors as Item[])[0].detail).toBe('no unit YT-TTYT-99');
  });

  it('returning a proposal without a comment is refused in Vietnamese', async () => {
    const p = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: '2024-07-01' }))).id);
    const problem = await expectProblem(await client.decideRaw(doha, p.id, p.steps[0].stepId, { outcome: 'RETURN', dossierVersion: 1 }), 400, 'VALIDATION_FAILED');
    const [item] = problem.errors as Item[];
    expect(item).toMatchObject({ path: 'comment', code: 'COMMENT_REQUIRED' });
    expect(item.detail).toContain('trả lại');
    vietnamese(item.detail);
    vietnamese(problem.detail as string);
  });

  it('approving a step twice says the step was already decided, not that another request changed the data', async () => {
    const p = await client.submit(proposer, (await client.draft(proposer, absorbH2IntoH1(bed, { proposedEffectiveDate: '2024-07-02' }))).id);
    const step = p.steps[0].stepId;
    await json<Proposal>(await client.decideRaw(doha, p.id, step, { outcome: 'APPROVE', dossierVersion: 1 }));
    const again = await expectProblem(await client.decideRaw(doha, p.id, step, { outcome: 'APPROVE', dossierVersion: 1 }), 409, 'STEP_NOT_PENDING');
    expect(again.detail).toContain('đã được xử lý (đã phê duyệt)');
    expect(again.detail).not.toContain('yêu cầu khác');
    vietnamese(again.detail as string);
    const waiting = await expectProblem(await client.decideRaw(party, p.id, p.steps[2].stepId, { outcome: 'APPROVE', dossierVersion: 1, decision: DECISION }), 403, 'FORBIDDEN');
    vietnamese(waiting.detail as string);
  });

  it('a date in the wrong form names the form and an example; a missing date says it is missing', async () => {
    const wrong = await expectProblem(await bed.call(admin, 'GET', '/api/v1/units?asOf=31/12/2019'), 400, 'VALIDATION_FAILED');
    expect((wrong.errors as Item[])[0]).toEqual({ path: 'asOf', code: 'INVALID_FORMAT', detail: 'asOf: ngày phải có dạng YYYY-MM-DD, ví dụ 2019-12-31' });
    const missing = await expectProblem(await bed.call(admin, 'POST', '/api/v1/units/import', { units: [] }), 400, 'VALIDATION_FAILED');
    const asOf = (missing.errors as Item[]).find((e) => e.path === 'asOf');
    expect(asOf?.detail).toBe('thiếu trường asOf: ngày phải có dạng YYYY-MM-DD, ví dụ 2019-12-31');
    for (const item of missing.errors as Item[]) vietnamese(item.detail);
    const english = await expectProblem(await bed.call(admin, 'GET', '/api/v1/units?asOf=31/12/2019', undefined, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED');
    expect((english.errors as Item[])[0].detail).toBe('asOf: a date is written YYYY-MM-DD, e.g. 2019-12-31');
  });

  it('a CSV import with several problems reports every bad column and row at once', async () => {
    const before = await bed.head();
    const csv = [
      'code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota,colour',
      'CSV-1,Trạm Y tế A,SYT,PROVINCE,HEALTH,G3,20,red',
      'CSV-2,Trạm Y tế B,SYT,PROVINCE,MINING,G9,abc,blue',
      'CSV-3,Trạm Y tế C,SYT,PROVINCE,HEALTH,G3',
    ].join('\n');
    const sent = await fetch(`${await bed.app.getUrl()}/api/v1/units/import?asOf=2017-12-31`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const problem = await expectProblem(sent, 400, 'VALIDATION_FAILED');
    const found = (problem.errors as Item[]).map((e) => `${e.code}:${e.row ?? ''}:${e.path ?? ''}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'UNKNOWN_COLUMN::colour',
        'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH:3:',
        'INVALID_VALUE:2:units[1].sector',
        'INVALID_VALUE:2:units[1].autonomyGroup',
        'INVALID_TYPE:2:units[1].staffingQuota',
      ]),
    );
    for (const item of problem.errors as Item[]) vietnamese(item.detail);
    expect(await bed.head()).toBe(before);
  });

  it('a body sent without a content type is asked for as application/json, without "Unrecognized key" noise', async () => {
    const before = await bed.head();
    const response = await fetch(`${await bed.app.getUrl()}/api/v1/governing-bodies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: new TextEncoder().encode(JSON.stringify({ code: 'SNV', name: 'Sở Nội vụ', system: 'GOVERNMENT', level: 'PROVINCE' })),
    });
    const problem = await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(problem.detail).toContain('Content-Type: application/json');
    expect(JSON.stringify(problem)).not.toMatch(/Unrecognized|nhận dạng/);
    vietnamese(problem.detail as string);
    expect(await bed.head()).toBe(before);
  });

  it('a JSON body sent as text/plain is asked for as application/json', async () => {
    const response = await fetch(`${await bed.app.getUrl()}/api/v1/governing-bodies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ code: 'SNV', name: 'Sở Nội vụ', system: 'GOVERNMENT', level: 'PROVINCE' }),
    });
    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.detail).toContain('Content-Type: application/json');
    vietnamese(problem.detail as string);
  });
});
