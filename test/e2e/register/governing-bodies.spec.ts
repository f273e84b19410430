import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { registerBody, uniqueCode } from './register-fixtures';

describe('governing bodies (real HTTP)', () => {
  let client: RegisterClient;

  beforeAll(async () => {
    client = await RegisterClient.start();
  });

  afterAll(() => client.close());

  it('registers a body (201) and lists it at once, for every role', async () => {
    const code = uniqueCode('SGDDT');
    const created = await client.ok('/api/v1/governing-bodies', { code, name: 'Sở Giáo dục và Đào tạo', system: 'GOVERNMENT', level: 'PROVINCE' });
    expect(created).toEqual({ id: expect.any(String), code, name: 'Sở Giáo dục và Đào tạo', system: 'GOVERNMENT', level: 'PROVINCE', status: 'ACTIVE' });

    const response = await client.get('/api/v1/governing-bodies?asOf=2018-01-01&pageSize=500', { token: await client.token('auditor') });
    expect(response.status).toBe(200);
    const list = (await response.json()) as { items: { id: string }[]; page: number; pageSize: number };
    expect(list.items).toContainEqual(expect.objectContaining({ id: created.id, code, status: 'ACTIVE' }));
    expect(list).toMatchObject({ page: 1, pageSize: 500 });
  });

  it('registers a child body with its parent, and refuses an unknown parent (422) writing nothing', async () => {
    const parent = await registerBody(client, { system: 'PARTY_MASS', name: 'Tỉnh ủy' });
    const child = await client.ok('/api/v1/governing-bodies', { code: uniqueCode('BTC'), name: 'Ban Tổ chức Tỉnh ủy', system: 'PARTY_MASS', level: 'PROVINCE', parentId: parent.id });
    expect(child.parentId).toBe(parent.id);

    const before = await client.eventCount();
    const refused = await client.post('/api/v1/governing-bodies', { code: uniqueCode('X'), name: 'X', system: 'GOVERNMENT', level: 'PROVINCE', parentId: '00000000-0000-4000-8000-000000000000' });
    const problem = await expectProblem(refused, 422, 'RULE_VIOLATION');
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_GOVERNING_BODY', path: 'parentId' })]);
    expect(await client.eventCount()).toBe(before);
  });

  it('refuses a used code with 409 DUPLICATE_CODE (case and Unicode form aside), writing nothing', async () => {
    const body = await registerBody(client, { code: 'SỞ-TÀI-CHÍNH' });
    const before = await client.eventCount();
    const decomposed = 'sở-tài-chính'.normalize('NFD');
    await expectProblem(await client.post('/api/v1/governing-bodies', { code: decomposed, name: 'Khác', system: 'GOVERNMENT', level: 'PROVINCE' }), 409, 'DUPLICATE_CODE');
    expect(await client.eventCount()).toBe(before);
    expect(body.code).toBe('SỞ-TÀI-CHÍNH');
  });

  it('refuses bad input with 400 naming the field: unknown enum, missing name, unknown field', async () => {
    const before = await client.eventCount();
    const problem = await expectProblem(
      await client.post('/api/v1/governing-bodies', { code: 'B1', system: 'MILITARY', level: 'PROVINCE', colour: 'red' }),
      400,
      'VALIDATION_FAILED',
    );
    const paths = (problem.errors as { path?: string; code: string }[]).map((e) => e.path ?? e.code);
    expect(paths).toEqual(expect.arrayContaining(['name', 'system', 'UNRECOGNIZED_KEYS']));
    expect(await client.eventCount()).toBe(before);
  });

  it('renames a body from a date: asOf before shows the old name, on and after the new one', async () => {
    const body = await registerBody(client, { name: 'Sở Lao động - Thương binh và Xã hội' });
    const renamed = await client.ok(
      `/api/v1/governing-bodies/${body.id}/rename`,
      { name: 'Sở Nội vụ', effectiveDate: '2025-03-01', decision: { number: '45/QĐ-UBND', date: '2025-02-20' } },
      200,
    );
    expect(renamed).toMatchObject({ id: body.id, name: 'Sở Nội vụ', validFrom: '2025-03-01' });

    const nameOn = async (asOf: string) => ((await (await client.get(`/api/v1/governing-bodies/${body.id}?asOf=${asOf}`)).json()) as { name: string }).name;
    expect(await nameOn('2025-02-28')).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(await nameOn('2025-03-01')).toBe('Sở Nội vụ');

    // A rename back-filled at an earlier date slots in before the later one.
    await client.ok(`/api/v1/governing-bodies/${body.id}/rename`, { name: 'Sở LĐ-TB&XH', effectiveDate: '2020-01-01', decision: { number: '7/QĐ-UBND', date: '2019-12-20' } }, 200);
    expect(await nameOn('2019-12-31')).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(await nameOn('2021-06-01')).toBe('Sở LĐ-TB&XH');
    expect(await nameOn('2026-01-01')).toBe('Sở Nội vụ');
  });

  it('answers 404 for an unknown body (get and rename) and 400 for a bad asOf', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    await expectProblem(await client.get(`/api/v1/governing-bodies/${unknown}`), 404, 'NOT_FOUND');
    await expectProblem(await client.get('/api/v1/governing-bodies/not-an-id'), 404, 'NOT_FOUND');
    const before = await client.eventCount();
    await expectProblem(
      await client.post(`/api/v1/governing-bodies/${unknown}/rename`, { name: 'X', effectiveDate: '2020-01-01', decision: { number: '1/QĐ', date: '2020-01-01' } }),
      404,
      'NOT_FOUND',
    );
    expect(await client.eventCount()).toBe(before);
    await expectProblem(await client.get('/api/v1/governing-bodies?asOf=2020-02-30'), 400, 'VALIDATION_FAILED');
  });

  it('lets only admins write: an auditor gets 403 and nothing changes', async () => {
    const body = await registerBody(client);
    const auditor = await client.token('auditor');
    const before = await client.eventCount();
    await expectProblem(await client.post('/api/v1/governing-bodies', { code: uniqueCode('A'), name: 'A', system: 'GOVERNMENT', level: 'PROVINCE' }, { token: auditor }), 403, 'FORBIDDEN');
    await expectProblem(
      await client.post(`/api/v1/governing-bodies/${body.id}/rename`, { name: 'X', effectiveDate: '2020-01-01', decision: { number: '1/QĐ', date: '2020-01-01' } }, { token: await client.token('proposer') }),
      403,
      'FORBIDDEN',
    );
    expect(await client.eventCount()).toBe(before);
  });
});
