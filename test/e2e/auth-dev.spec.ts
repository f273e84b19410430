import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@reorg/auth';
import { expectProblem } from './support/problem';
import { startTestApp, TEST_DEV_SECRET, type RunningApp } from './support/test-app';
import { bearer, signToken, unsignedToken } from './support/tokens';

const devKey = new TextEncoder().encode(TEST_DEV_SECRET);
const BODY_ID = '6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11';

describe('AUTH_MODE=dev: dev tokens and the bearer guard (real HTTP)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp({ AUTH_MODE: 'dev' });
  });

  afterAll(async () => {
    await running.close();
  });

  const me = (headers: Record<string, string> = {}) => fetch(`${running.url}/api/v1/auth/me`, { headers });

  async function issue(body: unknown): Promise<Response> {
    return fetch(`${running.url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('issues a token to a loopback client and accepts it on /api/v1/auth/me', async () => {
    const response = await issue({ sub: 'nguyen.van.a', name: 'Nguyễn Văn A', roles: ['proposer'], governingBodyIds: [BODY_ID] });
    expect(response.status).toBe(201);
    const issued = (await response.json()) as { accessToken: string; expiresIn: number };
    expect(issued.expiresIn).toBe(3600);
    expect(issued.accessToken.split('.')).toHaveLength(3);

    const answer = await me(bearer(issued.accessToken));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ sub: 'nguyen.van.a', name: 'Nguyễn Văn A', roles: ['proposer'], governingBodyIds: [BODY_ID] });
  });

  it('tells the console, without a token, to offer the sample people (no OpenID provider)', async () => {
    const response = await fetch(`${running.url}/api/v1/auth/console-config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mode: 'dev' });
  });

  it('refuses a dev token request with an unknown role: 400 naming the field', async () => {
    const body = await expectProblem(await issue({ sub: 'a', roles: ['emperor'] }), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ path: 'roles[0]', code: 'INVALID_VALUE', detail: expect.stringMatching(/^roles\[0\]: phải là một trong các giá trị: .*proposer/) }]);
  });

  it('refuses unknown fields and a missing subject', async () => {
    const body = await expectProblem(await issue({ roles: ['admin'], extra: true }), 400, 'VALIDATION_FAILED');
    const paths = (body.errors as { path?: string; code: string }[]).map((item) => item.path ?? item.code);
    expect(paths).toEqual(expect.arrayContaining(['sub', 'UNRECOGNIZED_KEYS']));
  });

  it('refuses dev tokens to clients off loopback with 403 FORBIDDEN', async () => {
    const response = await running.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/api/v1/auth/dev-token',
      remoteAddress: '10.1.2.3',
      payload: { sub: 'remote', roles: ['admin'] },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  describe('refuses with 401 UNAUTHENTICATED problem+json', () => {
    const validClaims = { sub: 'user-1', roles: ['admin'] };

    it('no token (with a Bearer challenge)', async () => {
      const response = await me();
      await expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="reorg"');
    });

    it('a malformed Authorization header', async () => {
      await expectProblem(await me({ authorization: 'Basic dXNlcjpwYXNz' }), 401, 'UNAUTHENTICATED');
      await expectProblem(await me({ authorization: 'Bearer not a token' }), 401, 'UNAUTHENTICATED');
      await expectProblem(await me(bearer('abc.def.ghi')), 401, 'UNAUTHENTICATED');
    });

    it('an expired token', async () => {
      const token = await signToken({ key: devKey, alg: 'HS256', issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE, claims: validClaims, expiresIn: -30 });
      const response = await me({ ...bearer(token), 'accept-language': 'en' });
      const body = await expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(body.detail).toBe('The access token has expired.');
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('a wrong signature', async () => {
      const otherKey = new TextEncoder().encode('another-secret-of-at-least-32-characters!');
      const token = await signToken({ key: otherKey, alg: 'HS256', issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE, claims: validClaims });
      await expectProblem(await me(bearer(token)), 401, 'UNAUTHENTICATED');
    });

    it('alg: none', async () => {
      await expectProblem(await me(bearer(unsignedToken(DEV_TOKEN_ISSUER, DEV_TOKEN_AUDIENCE))), 401, 'UNAUTHENTICATED');
    });

    it('a wrong audience or issuer', async () => {
      const wrongAudience = await signToken({ key: devKey, alg: 'HS256', issuer: DEV_TOKEN_ISSUER, audience: 'urn:other-api', claims: validClaims });
      const wrongIssuer = await signToken({ key: devKey, alg: 'HS256', issuer: 'urn:someone-else', audience: DEV_TOKEN_AUDIENCE, claims: validClaims });
      await expectProblem(await me(bearer(wrongAudience)), 401, 'UNAUTHENTICATED');
      await expectProblem(await me(bearer(wrongIssuer)), 401, 'UNAUTHENTICATED');
    });

    it('a signed token whose claims describe no user', async () => {
      const token = await signToken({ key: devKey, alg: 'HS256', issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE, claims: { sub: 'x', roles: 'admin' } });
      await expectProblem(await me(bearer(token)), 401, 'UNAUTHENTICATED');
    });
  });

  it('a correctly signed token from the test matches what the route issues', async () => {
    const token = await signToken({ key: devKey, alg: 'HS256', issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE, claims: { sub: 'auditor-1', roles: ['auditor', 'unknown-role'] } });
    const response = await me(bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: 'auditor-1', roles: ['auditor'], governingBodyIds: [] });
  });
});
