import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import type { Page, Request } from 'playwright-core';
import { PATIENCE_MS, waitFor } from '@reorg/testing';
import { type RunningApp, startTestApp } from '../support/test-app';
import { type Browser, ensureConsoleBuilt, launchChromium, seriousViolations } from './browser';

jest.setTimeout(420_000);

const AUDIENCE = 'https://reorg.test/api';
const CLIENT_ID = 'reorg-console';
/** Short enough to watch a renewal: oidc-client-ts renews 60 s before expiry, i.e. about 15 s after sign-in. */
const ACCESS_TOKEN_TTL_SECONDS = 75;
const BODY_ID = '4d0c2b3e-6f1a-4a8b-9c7d-2e5f8a1b3c4d';
const PERSON = { login: 'nguyen.van.an', password: 'mat-khau-thu-nghiem', name: 'Nguyễn Văn An', roles: ['proposer'], governingBodyIds: [BODY_ID] };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The console in AUTH_MODE=jwt, in Debian's chromium, against a real OpenID provider (oidc-provider,
 * a child process: it is ESM only) and the real api verifying its JWT access tokens through its JWKS.
 */
describe('console sign-in with OpenID Connect (AUTH_MODE=jwt, real oidc-provider)', () => {
  let app: RunningApp;
  let provider: ChildProcess;
  let providerOutput = '';
  let issuer: string;
  let browser: Browser;
  let page: Page;
  /** Every request the page made to the api, with the bearer token it carried. */
  const apiCalls: { at: number; path: string; token?: string }[] = [];
  const bearerOf = (request: Request) => /^Bearer (.+)$/.exec(request.headers()['authorization'] ?? '')?.[1];

  beforeAll(async () => {
    ensureConsoleBuilt();
    issuer = `http://127.0.0.1:${await freePort()}`;
    app = await startTestApp({
      AUTH_MODE: 'jwt',
      JWT_ISSUER: issuer,
      JWT_JWKS_URL: `${issuer}/jwks`,
      JWT_AUDIENCE: AUDIENCE,
      CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
      CONSOLE_OIDC_SCOPE: 'openid profile api',
    });
    provider = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
      env: {
        ...process.env,
        OIDC_PORT: new URL(issuer).port,
        CONSOLE_ORIGIN: app.url,
        API_AUDIENCE: AUDIENCE,
        ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_SECONDS),
        OIDC_PEOPLE: JSON.stringify({ [PERSON.login]: PERSON }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    provider.stdout?.on('data', (chunk: Buffer) => (providerOutput += chunk.toString()));
    provider.stderr?.on('data', (chunk: Buffer) => (providerOutput += chunk.toString()));
    await waitFor(`the provider's discovery document at ${issuer}`, async () => {
      if (provider.exitCode !== null) throw new Error(`oidc-provider exited (${provider.exitCode}): ${providerOutput}`);
      return fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.ok, () => false);
    }, { intervalMs: 200 });
    browser = await launchChromium();
    page = browser.page;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === app.url && url.pathname.startsWith('/api/')) apiCalls.push({ at: Date.now(), path: url.pathname, token: bearerOf(request) });
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (provider && provider.exitCode === null) {
      const exited = new Promise((resolve) => provider.once('exit', resolve));
      provider.kill('SIGTERM');
      await exited;
    }
    await app?.close();
  }, 60_000);

  async function expectAccessible(screen: string): Promise<void> {
    const violations = (await seriousViolations(page)).map((v) => `${screen}: ${v.id} (${v.impact}): ${v.help} → ${JSON.stringify(v.nodes)}`);
    expect(violations).toEqual([]);
  }

  async function storedTexts(): Promise<string> {
    return page.evaluate(() => {
      // Runs in the page (the root tsconfig has no DOM types).
      type WebStorage = { getItem(key: string): string | null };
      const { localStorage, sessionStorage } = globalThis as unknown as Record<'localStorage' | 'sessionStorage', WebStorage>;
      const dump = (storage: WebStorage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`);
      return JSON.stringify([...dump(localStorage), ...dump(sessionStorage)]);
    });
  }

  let firstToken: string;

  it('the api tells the console to use the provider; / shows the sign-in, which leads to the provider', async () => {
    const config = await (await fetch(`${app.url}/api/v1/auth/console-config`)).json();
    expect(config).toEqual({ mode: 'jwt', oidc: { authority: issuer, clientId: CLIENT_ID, scope: 'openid profile api' } });
    expect((await fetch(`${app.url}/signin-callback`)).headers.get('content-type')).toContain('text/html');

    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    await expect(page.getByRole('radio', { name: /Nguyễn Văn An/ }).count()).resolves.toBe(0); // no sample people in jwt mode
    await expectAccessible('console sign-in (jwt)');

    const authorization = page.waitForRequest((r) => r.url().startsWith(`${issuer}/auth?`), { timeout: PATIENCE_MS });
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cơ quan' }).click();
    // Authorization code flow with PKCE (S256) for the console's client and scopes.
    const query = new URL((await authorization).url()).searchParams;
    expect({ response_type: query.get('response_type'), client_id: query.get('client_id'), scope: query.get('scope'), method: query.get('code_challenge_method') }).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      scope: 'openid profile api',
      method: 'S256',
    });
    expect(query.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(query.get('redirect_uri')).toBe(`${app.url}/signin-callback`);
    await page.waitForURL((url) => url.origin === issuer && url.pathname.startsWith('/interaction/'));
    await expectAccessible('provider login form');
  });

  it('after the login at the provider, the console is signed in as that person and calls the api with the JWT', async () => {
    const proposals = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/proposals' && r.request().method() === 'GET', { timeout: PATIENCE_MS });
    await page.getByLabel('Tên đăng nhập').fill(PERSON.login);
    await page.getByLabel('Mật khẩu').fill(PERSON.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.waitForURL(`${app.url}/proposals`);
    const response = await proposals;
    expect(response.status()).toBe(200);
    await page.getByRole('heading', { name: 'Đề án của tôi', level: 1 }).waitFor();
    await expect(page.getByText(PERSON.name, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Lập đề án mới' }).isVisible()).resolves.toBe(true); // a proposer's screen

    firstToken = bearerOf(response.request())!;
    const claims = decodeJwt(firstToken);
    expect(claims).toMatchObject({ iss: issuer, aud: AUDIENCE, sub: PERSON.login, name: PERSON.name, roles: PERSON.roles, governingBodyIds: PERSON.governingBodyIds });
    const me = await fetch(`${app.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${firstToken}` } });
    expect(await me.json()).toEqual({ sub: PERSON.login, name: PERSON.name, roles: PERSON.roles, governingBodyIds: PERSON.governingBodyIds });
    await expectAccessible('proposals (jwt)');
  });

  it('keeps the tokens in memory only: nothing in localStorage or sessionStorage', async () => {
    const stored = await storedTexts();
    expect(stored).not.toContain(firstToken);
    expect(stored).not.toMatch(/oidc\.user:|refresh_token|access_token|id_token/);
  });

  it('renews the access token silently with the refresh token, and the api accepts the new one', async () => {
    const renewal = await page.waitForResponse(
      (r) => r.url() === `${issuer}/token` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('grant_type=refresh_token'),
      { timeout: ACCESS_TOKEN_TTL_SECONDS * 1000 + PATIENCE_MS },
    );
    expect(renewal.status()).toBe(200);
    // The next screen's calls carry the renewed token.
    const structure = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/v1/structure') && r.request().method() === 'GET', { timeout: PATIENCE_MS });
    await page.getByRole('link', { name: 'Cơ cấu theo ngày' }).click();
    const response = await structure;
    expect(response.status()).toBe(200);
    const renewed = bearerOf(response.request())!;
    expect(renewed).not.toBe(firstToken);
    expect(decodeJwt(renewed)).toMatchObject({ sub: PERSON.login, aud: AUDIENCE, roles: PERSON.roles });
    expect(decodeJwt(renewed).exp!).toBeGreaterThan(decodeJwt(firstToken).exp!);
    expect(await storedTexts()).not.toContain(renewed);
  });

  it('signs out at the provider, back to the sign-in screen; no call is made with the old tokens, and the provider asks for the login again', async () => {
    const revocation = page.waitForResponse((r) => r.url() === `${issuer}/token/revocation`, { timeout: PATIENCE_MS });
    const signedOutAt = Date.now();
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(frame.url()));
    await page.getByRole('link', { name: 'Đăng xuất' }).click();
    expect((await revocation).status()).toBe(200);
    await waitFor('the way back from the provider after the logout', () => visited.some((url) => url === `${app.url}/`)).catch(async (e: Error) => {
      throw new Error(`${e.message}; visited ${JSON.stringify(visited)}; at ${page.url()}: ${await page.locator('body').innerText()}; provider: ${providerOutput}`);
    });
    // RP-initiated logout: through the provider's end-session endpoint, back to the registered URI.
    expect(visited.some((url) => url.startsWith(`${issuer}/session/end`))).toBe(true);
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();

    await page.goto(`${app.url}/proposals`);
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    await expectAccessible('console sign-in after sign-out');
    expect(apiCalls.filter((call) => call.at >= signedOutAt && call.token)).toEqual([]);
    expect(apiCalls.some((call) => call.at >= signedOutAt && call.path === '/api/v1/auth/console-config')).toBe(true);

    // The provider's session ended too: signing in again asks for the login.
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cơ quan' }).click();
    await page.waitForURL((url) => url.origin === issuer && url.pathname.startsWith('/interaction/'));
    await page.getByLabel('Tên đăng nhập').waitFor();
  });
});
