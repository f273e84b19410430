import { SignJWT } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@reorg/auth';
import { STORE_KINDS, type AppOnStore, startAppOnStore } from '../support/store-backends';
import { TEST_DEV_SECRET } from '../support/test-app';
import { RawHttp, type RawResponse } from './raw-http';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** A dev token as the issuer would sign it, with claims the issuer itself now refuses to put in one. */
const forgedDevToken = (sub: string) =>
  new SignJWT({ roles: ['admin', 'proposer'], governingBodyIds: [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(DEV_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TEST_DEV_SECRET));

function problemOf(response: RawResponse): { code: string; status: number; errors?: { path?: string; code: string }[] } {
  expect({ status: response.status, contentType: response.contentType }).toEqual({ status: expect.any(Number), contentType: PROBLEM_JSON });
  return JSON.parse(response.text) as never;
}

describe.each(STORE_KINDS)('control characters and lone surrogates in text input on %s (issue 12, defect 3)', (_label, kind) => {
  let app: AppOnStore;
  let http: RawHttp;
  let admin: string;
  let headBefore: number;

  const get = (path: string, token = admin) => http.send({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
  const postJson = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    http.send({ method: 'POST', path, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers }, body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') });

  beforeAll(async () => {
    app = await startAppOnStore(kind, { RATE_LIMIT_ENABLED: 'false' }, 'ctrl');
    http = new RawHttp(app.url);
    const issued = await fetch(`${app.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'admin-1', roles: ['admin'] }) });
    admin = ((await issued.json()) as { accessToken: string }).accessToken;
    headBefore = await app.store.latestPosition();
  });

  afterAll(async () => {
    http?.close();
    await app?.close();
  });

  it.each(['%00', 'a%00b', '%1B%5B31m', '%C2%85', '%ED%A0%80'])('answers GET /units?q=%s with 400 naming q', async (q) => {
    const response = await get(`/api/v1/units?q=${q}`);
    expect(response.status).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'q', code: expect.stringMatching(/^(CONTROL_CHARACTER|INVALID_PERCENT_ENCODING)$/) })]);
  });

  it('answers a path parameter holding NUL with 400 naming it', async () => {
    const response = await get('/api/v1/units/%00');
    expect(response.status).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'id', code: 'CONTROL_CHARACTER' })]);
  });

  it('refuses to issue a dev token whose sub holds NUL (400 naming sub)', async () => {
    const response = await http.send({ method: 'POST', path: '/api/v1/auth/dev-token', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ sub: 'mallory\u0000', roles: ['admin'] })) });
    expect(response.status).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'sub', code: 'CONTROL_CHARACTER' })]);
  });

  it('refuses a token whose sub holds NUL with 401 on a write with an Idempotency-Key and on GET /notifications', async () => {
    const token = await forgedDevToken('mallory\u0000x');
    const write = await http.send({
      method: 'POST',
      path: '/api/v1/governing-bodies',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'nul-sub-1' },
      body: Buffer.from(JSON.stringify({ code: 'NUL1', name: 'Sở Thử', system: 'GOVERNMENT', level: 'PROVINCE' })),
    });
    expect({ status: write.status, code: problemOf(write).code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const notifications = await get('/api/v1/notifications', token);
    expect({ status: notifications.status, code: problemOf(notifications).code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it.each([
    ['a NUL in a name', JSON.stringify({ code: 'C1', name: 'Sở\u0000Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }), 'name', 'CONTROL_CHARACTER'],
    ['an escape character in a code', JSON.stringify({ code: 'C\u001b2', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }), 'code', 'CONTROL_CHARACTER'],
    ['a C1 control in a name', JSON.stringify({ code: 'C3', name: 'Sở\u0085', system: 'GOVERNMENT', level: 'PROVINCE' }), 'name', 'CONTROL_CHARACTER'],
    ['an escaped lone surrogate', '{"code":"C4","name":"S\\ud800","system":"GOVERNMENT","level":"PROVINCE"}', 'name', 'LONE_SURROGATE'],
    ['a NUL in a field name', '{"code":"C5","na\\u0000me":"x","system":"GOVERNMENT","level":"PROVINCE"}', 'na\u0000me', 'CONTROL_CHARACTER'],
  ])('answers a JSON body with %s with 400 naming the field', async (_what, body, path, code) => {
    const response = await postJson('/api/v1/governing-bodies', body);
    expect(response.status).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path, code })]);
  });

  it('refuses a control character in the Idempotency-Key header and a NUL in a CSV import', async () => {
    const header = await postJson('/api/v1/governing-bodies', JSON.stringify({ code: 'C6', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }), { 'idempotency-key': 'key\x85' });
    expect(header.status).toBe(400);
    const csv = await http.send({
      method: 'POST',
      path: '/api/v1/units/import?asOf=2017-12-31',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: Buffer.from('code,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota\r\nX\u00001,Trạm,SYT,PROVINCE,HEALTH,G3,1\r\n'),
    });
    expect(csv.status).toBe(400);
    expect(problemOf(csv).errors).toEqual([expect.objectContaining({ path: 'body', code: 'CONTROL_CHARACTER' })]);
  });

  it('keeps line breaks in multi-line body text', async () => {
    const response = await postJson('/api/v1/governing-bodies', JSON.stringify({ code: 'ML1', name: 'Sở Y tế\ttỉnh', system: 'GOVERNMENT', level: 'PROVINCE' }));
    expect(response.status).toBe(201);
    headBefore = await app.store.latestPosition();
  });

  it('answers the reduction report as CSV up to 9999-12-31, like JSON', async () => {
    for (const format of ['json', 'csv']) {
      const response = await get(`/api/v1/reports/reduction?format=${format}&from=2018-01-01&to=9999-12-31`);
      expect({ format, status: response.status }).toEqual({ format, status: 200 });
    }
    const csv = await get('/api/v1/reports/reduction?format=csv&from=9999-01-01&to=9999-12-31');
    expect(csv.text).toContain('YEAR,9999,9999-01-01,9999-12-31');
  });

  it('wrote nothing for any refused request', async () => {
    expect(await app.store.latestPosition()).toBe(headBefore);
  });
});
