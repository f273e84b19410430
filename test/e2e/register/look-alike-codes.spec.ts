import { STORE_KINDS, type AppOnStore, startAppOnStore } from '../support/store-backends';
import { expectProblem } from '../support/problem';

describe.each(STORE_KINDS)('codes are identifiers: look-alike codes are refused on %s (issue 12, defect 5)', (_label, kind) => {
  let app: AppOnStore;
  let admin: string;
  let bodyId: string;

  const post = (path: string, body: unknown, language = 'en') =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) });
  const unit = (code: string) => ({ code, name: 'Trạm Y tế', governingBodyId: bodyId, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 20 });

  beforeAll(async () => {
    app = await startAppOnStore(kind, {}, 'codes');
    const issued = await fetch(`${app.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'admin-1', roles: ['admin'] }) });
    admin = ((await issued.json()) as { accessToken: string }).accessToken;
    const created = await post('/api/v1/governing-bodies', { code: 'A-0', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' });
    expect(created.status).toBe(201);
    bodyId = ((await created.json()) as { id: string }).id;
    const imported = await post('/api/v1/units/import', { asOf: '2017-12-31', units: [unit('U-0')] });
    expect(imported.status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['a zero-width space', 'A-\u200b0'],
    ['a fullwidth letter', '\uff21-0'],
    ['a fullwidth digit', 'A-\uff10'],
    ['a Cyrillic letter', '\u0410-0'],
    ['a space', 'A 0'],
  ])('refuses a governing-body code with %s with 422 INVALID_CODE naming code, writing nothing', async (_what, code) => {
    const before = await app.store.latestPosition();
    const problem = await expectProblem(await post('/api/v1/governing-bodies', { code, name: 'Sở giả', system: 'GOVERNMENT', level: 'PROVINCE' }), 422, 'RULE_VIOLATION');
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'INVALID_CODE', path: 'code' })]);
    expect(await app.store.latestPosition()).toBe(before);
  });

  it('says how to write a fullwidth code, in Vietnamese by default', async () => {
    const problem = await expectProblem(await post('/api/v1/governing-bodies', { code: '\uff21-1', name: 'Sở giả', system: 'GOVERNMENT', level: 'PROVINCE' }, 'vi'), 422, 'RULE_VIOLATION');
    expect(problem.detail).toContain('hãy viết là "A-1"');
    expect(problem.errors).toEqual([expect.objectContaining({ detail: expect.stringContaining('"A-1"') })]);
  });

  it('refuses look-alike unit codes in a baseline import and in a decision that establishes a unit', async () => {
    const before = await app.store.latestPosition();
    const importResponse = await post('/api/v1/units/import', { asOf: '2017-12-31', units: [unit('U-1'), unit('U-\u200b0')] });
    const imported = await expectProblem(importResponse, 422, 'RULE_VIOLATION');
    expect(imported.errors).toEqual([expect.objectContaining({ code: 'INVALID_CODE', path: 'units[1].code' })]);
    const decisionResponse = await post('/api/v1/decisions/import', {
        decisions: [{ number: '5/QĐ-UBND', date: '2019-01-01', effectiveDate: '2019-01-01', signer: 'Nguyễn Văn A', issuer: 'UBND tỉnh', operations: [{ type: 'ESTABLISH', unit: unit('\uff35-0') }] }],
    });
    const decided = await expectProblem(decisionResponse, 422, 'RULE_VIOLATION');
    expect(decided.errors).toEqual([expect.objectContaining({ code: 'INVALID_CODE', path: 'decisions[0].operations[0].unit.code' })]);
    expect(await app.store.latestPosition()).toBe(before);
  });

  it('still accepts Vietnamese letters in codes', async () => {
    expect((await post('/api/v1/governing-bodies', { code: 'SỞ-TÀI-CHÍNH', name: 'Sở Tài chính', system: 'GOVERNMENT', level: 'PROVINCE' })).status).toBe(201);
  });
});
