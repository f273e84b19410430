import { createServer } from 'node:net';
import { exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { expectProblem } from './support/problem';
import { startJwksServer, type JwksServer } from './support/jwks-server';
import { startTestApp, type RunningApp } from './support/test-app';
import { bearer, signToken, unsignedToken } from './support/tokens';

const ISSUER = 'https://id.tinh.example.vn/realms/reorg';
const AUDIENCE = 'reorg-api';
const KID = 'key-2025';
const BODY_ID = '0b8f0d4e-9a43-4c1e-8f7e-3c2d1b0a9f88';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AUTH_MODE=jwt: tokens verified against a JWKS over real HTTP', () => {
  let privateKey: KeyLike;
  let jwks: JwksServer;
  let running: RunningApp;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    jwks = await startJwksServer([{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }]);
    running = await startTestApp({ AUTH_MODE: 'jwt', JWT_JWKS_URL: jwks.url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, CONSOLE_OIDC_CLIENT_ID: 'reorg-console' });
  });

  afterAll(async () => {
    await running.close();
    await jwks.close();
  });

  const me = (headers: Record<string, string> = {}) => fetch(`${running.url}/api/v1/auth/me`, { headers });
  const providerToken = (overrides: Partial<Parameters<typeof signToken>[0]> = {}) =>
    signToken({
      key: privateKey,
      alg: 'RS256',
      kid: KID,
      issuer: ISSUER,
      audience: AUDIENCE,
      claims: { sub: 'ppc.leader@tinh.vn', name: 'Trần Thị B', roles: ['ppc_leader', 'offline_access'], governingBodyIds: [BODY_ID] },
      ...overrides,
    });

  it('accepts a token signed by the provider’s key and exposes the principal', async () => {
    const response = await me(bearer(await providerToken()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: 'ppc.leader@tinh.vn', name: 'Trần Thị B', roles: ['ppc_leader'], governingBodyIds: [BODY_ID] });
    expect(jwks.requests).toBeGreaterThanOrEqual(1);
  });

  it("tells the console, without a token, how to sign in: the issuer, its public client and the scopes", async () => {
    const response = await fetch(`${running.url}/api/v1/auth/console-config`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.json()).toEqual({ mode: 'jwt', oidc: { authority: ISSUER, clientId: 'reorg-console', scope: 'openid profile' } });
  });

  it('has no dev token route: 404 problem+json', async () => {
    const response = await fetch(`${running.url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'a', roles: ['admin'] }),
    });
    await expectProblem(response, 404, 'NOT_FOUND');
  });

  it('does not list the dev token route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${running.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/auth/me');
    expect(Object.keys(document.paths)).not.toContain('/api/v1/auth/dev-token');
  });

  describe('refuses with 401 UNAUTHENTICATED', () => {
    it('a token signed by another key', async () => {
      const stranger = await generateKeyPair('RS256');
      await expectProblem(await me(bearer(await providerToken({ key: stranger.privateKey }))), 401, 'UNAUTHENTICATED');
      await expectProblem(await me(bearer(await providerToken({ key: stranger.privateKey, kid: 'unknown-kid' }))), 401, 'UNAUTHENTICATED');
    });

    it('a wrong audience', async () => {
      await expectProblem(await me(bearer(await providerToken({ audience: 'another-api' }))), 401, 'UNAUTHENTICATED');
    });

    it('a wrong issuer', async () => {
      await expectProblem(await me(bearer(await providerToken({ issuer: 'https://evil.example' }))), 401, 'UNAUTHENTICATED');
    });

    it('an expired token', async () => {
      await expectProblem(await me(bearer(await providerToken({ expiresIn: -10 }))), 401, 'UNAUTHENTICATED');
    });

    it('alg: none', async () => {
      await expectProblem(await me(bearer(unsignedToken(ISSUER, AUDIENCE))), 401, 'UNAUTHENTICATED');
    });

    it('a symmetric (HS256) token, even with the right claims', async () => {
      const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-characters');
      await expectProblem(await me(bearer(await providerToken({ key: secret, alg: 'HS256' }))), 401, 'UNAUTHENTICATED');
    });
  });

  it('answers 503 problem+json when the provider’s JWKS cannot be fetched', async () => {
    const unreachable = await startTestApp({
      AUTH_MODE: 'jwt',
      JWT_JWKS_URL: `http://127.0.0.1:${await closedPort()}/jwks.json`,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      CONSOLE_OIDC_CLIENT_ID: 'reorg-console',
    });
    try {
      const response = await fetch(`${unreachable.url}/api/v1/auth/me`, { headers: bearer(await providerToken()) });
      await expectProblem(response, 503, 'SERVICE_UNAVAILABLE');
    } finally {
      await unreachable.close();
    }
  });
});
