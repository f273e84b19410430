import { STORE_KINDS, type AppOnStore, startAppOnStore } from '../support/store-backends';
import { RawHttp, type RawResponse } from './raw-http';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

function problemOf(response: RawResponse): { code: string; detail: string; errors?: { path?: string; code: string }[] } {
  expect(response.contentType).toBe(PROBLEM_JSON);
  return JSON.parse(response.text) as never;
}

describe.each(STORE_KINDS)('bodies that are not UTF-8 on %s (issue 12, defect 4)', (_label, kind) => {
  let app: AppOnStore;
  let http: RawHttp;
  let admin: string;
  let headBefore: number;

  const post = (path: string, body: Buffer, contentType = 'application/json', language = 'en') =>
    http.send({ method: 'POST', path, headers: { authorization: `Bearer ${admin}`, 'content-type': contentType, 'accept-language': language }, body });
  const body = (name: (string | number[])[]) => bytes('{"code":"U8","name":"', ...name, '","system":"GOVERNMENT","level":"PROVINCE"}');

  beforeAll(async () => {
    app = await startAppOnStore(kind, { RATE_LIMIT_ENABLED: 'false' }, 'utf8');
    http = new RawHttp(app.url);
    const issued = await fetch(`${app.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'admin-1', roles: ['admin'] }) });
    admin = ((await issued.json()) as { accessToken: string }).accessToken;
    headBefore = await app.store.latestPosition();
  });

  afterAll(async () => {
    http?.close();
    await app?.close();
  });

  it.each([
    ['S C3 28 FF FE', ['S', [0xc3, 0x28, 0xff, 0xfe]]],
    ['an encoded lone surrogate ED A0 80', ['x', [0xed, 0xa0, 0x80]]],
    ['an overlong slash C0 AF', [[0xc0, 0xaf]]],
    ['a truncated sequence E1 80', ['Sở ', [0xe1, 0x80]]],
  ] as [string, (string | number[])[]][])('refuses a name holding %s with 400 naming the field', async (_what, name) => {
    const response = await post('/api/v1/governing-bodies', body(name));
    expect(response.status).toBe(400);
    const problem = problemOf(response);
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'name', code: 'INVALID_UTF8' })]);
    expect(problem.detail).toContain('name');
  });

  it('names a nested field, a field name, or the body position when no field holds the bytes', async () => {
    const nested = await post(
      '/api/v1/units/import',
      bytes('{"asOf":"2017-12-31","units":[{"code":"A1","name":"Tr', [0xff], 'm","governingBodyCode":"X","level":"PROVINCE","sector":"HEALTH","autonomyGroup":"G3","staffingQuota":1}]}'),
    );
    expect(problemOf(nested).errors).toEqual([expect.objectContaining({ path: 'units[0].name', code: 'INVALID_UTF8' })]);
    const key = await post('/api/v1/governing-bodies', bytes('{"na', [0xff], 'me":"x"}'));
    expect(problemOf(key).errors).toEqual([expect.objectContaining({ path: 'na\ufffdme', code: 'INVALID_UTF8' })]);
    const outside = await post('/api/v1/governing-bodies', bytes('{"name":"x"}', [0xff]));
    expect({ status: outside.status, errors: problemOf(outside).errors }).toEqual({ status: 400, errors: [expect.objectContaining({ path: 'body', code: 'INVALID_UTF8' })] });
    expect(problemOf(outside).detail).toContain('byte 12');
  });

  it('answers in Vietnamese by default', async () => {
    const response = await post('/api/v1/governing-bodies', body(['S', [0xc3, 0x28]]), 'application/json', 'vi');
    expect(problemOf(response).detail).toBe('Trường name không phải văn bản UTF-8 hợp lệ (byte thứ 22).');
  });

  it('refuses a CSV import that is not UTF-8 with 400 at the body position', async () => {
    const csv = bytes('code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota\r\nX1,Tr', [0xe1, 0xba], 'm,SYT,PROVINCE,HEALTH,G3,1\r\n');
    const response = await post('/api/v1/units/import?asOf=2017-12-31', csv, 'text/csv');
    expect(response.status).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'body', code: 'INVALID_UTF8' })]);
  });

  it.each(['application/json; charset=iso-8859-1', 'application/json;charset="windows-1258"', 'text/csv; charset=latin1'])('answers a declared charset other than UTF-8 (%s) with 415', async (contentType) => {
    const response = await post(contentType.startsWith('text/csv') ? '/api/v1/units/import?asOf=2017-12-31' : '/api/v1/governing-bodies', body(['S', [0xe0]]), contentType);
    expect({ status: response.status, code: problemOf(response).code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('wrote nothing, and still accepts UTF-8 declared in any spelling', async () => {
    expect(await app.store.latestPosition()).toBe(headBefore);
    const created = await post('/api/v1/governing-bodies', body(['Sở Y tế']), 'application/json; charset="UTF-8"');
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ name: 'Sở Y tế' });
  });
});
