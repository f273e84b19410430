// A real OpenID provider (oidc-provider 8, ESM only, hence a child process of the test) for the
// console's sign-in test. Configuration comes from the environment:
//   OIDC_PORT         loopback port to listen on; the issuer is http://127.0.0.1:<port>
//   CONSOLE_ORIGIN    the api serving the console, e.g. http://127.0.0.1:41234 (redirect URIs, CORS)
//   API_AUDIENCE      the api's JWT_AUDIENCE: the resource every access token is for
//   ACCESS_TOKEN_TTL  access token lifetime in seconds (short, to watch renewal)
//   OIDC_PEOPLE       JSON { "<login>": { "password", "name", "roles": [], "governingBodyIds": [] } }
// The console is a public client: authorization code with PKCE (required), refresh tokens (rotated),
// revocation and RP-initiated logout. Access tokens are JWTs (RS256) for API_AUDIENCE carrying the
// claims the api reads: sub, name, roles, governingBodyIds.
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const consoleOrigin = process.env.CONSOLE_ORIGIN;
const audience = process.env.API_AUDIENCE;
const accessTokenTtl = Number(process.env.ACCESS_TOKEN_TTL ?? 600);
const people = JSON.parse(process.env.OIDC_PEOPLE ?? '{}');
if (!port || !consoleOrigin || !audience) throw new Error('OIDC_PORT, CONSOLE_ORIGIN and API_AUDIENCE are required');

const issuer = `http://127.0.0.1:${port}`;
const CLIENT_ID = 'reorg-console';
const API_SCOPE = 'api';

// One signing key for the provider's lifetime, published at /jwks.
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-oidc-rs256', alg: 'RS256', use: 'sig' };

/** The console is first-party: its grant is implied (no consent screen), as an organisation configures it. */
async function consoleGrant(provider, accountId, clientId, existing) {
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  grant.addOIDCScope('openid profile');
  grant.addResourceScope(audience, API_SCOPE);
  await grant.save();
  return grant;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${consoleOrigin}/signin-callback`],
      post_logout_redirect_uris: [`${consoleOrigin}/`],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['oidc-test-cookie-key-not-a-secret-0123456789'] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name'] },
  scopes: ['openid', 'profile'],
  ttl: { AccessToken: accessTokenTtl, IdToken: 3600, RefreshToken: 86_400, Session: 86_400, Interaction: 3600, Grant: 86_400 },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The console asked for the logout (id_token_hint, registered post-logout URI): confirm it at once.
      logoutSource: async (ctx, form) => {
        ctx.type = 'html';
        ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head><body><main><h1>Signing out</h1>${form}<input type="hidden" form="op.logoutForm" name="logout" value="yes"><button type="submit" form="op.logoutForm">Sign out</button></main><script>document.getElementById('op.logoutForm').submit()</script></body></html>`;
      },
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== audience) throw new errors.InvalidTarget();
        return { scope: API_SCOPE, audience, accessTokenTTL: accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // Public web clients get (rotated) refresh tokens: the console renews with them, no iframe.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
  loadExistingGrant: async (ctx) => {
    const { client, session, provider: op } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const existing = grantId ? await op.Grant.find(grantId) : undefined;
    return existing ?? consoleGrant(op, session.accountId, client.clientId);
  },
  findAccount: async (_ctx, id) => (people[id] ? { accountId: id, claims: async () => ({ sub: id, name: people[id].name }) } : undefined),
  // What the api reads from the access token (libs/auth principal.ts).
  extraTokenClaims: async (_ctx, token) => {
    const person = token.accountId ? people[token.accountId] : undefined;
    return person ? { name: person.name, roles: person.roles, governingBodyIds: person.governingBodyIds ?? [] } : undefined;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>Error</h1><pre>${escape(JSON.stringify(out))}</pre></main></body></html>`;
  },
});

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error) {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Đăng nhập — nhà cung cấp định danh thử nghiệm</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;color:#1f1f1f}label{display:block;margin-top:1rem}input{display:block;width:100%;padding:.4rem;font-size:1rem}button{margin-top:1.5rem;padding:.5rem 1rem;font-size:1rem;background:#0958d9;color:#fff;border:0}.error{color:#a8071a}</style></head>
<body><main><h1>Đăng nhập</h1><p>Nhà cung cấp định danh thử nghiệm (OpenID Connect).</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Tên đăng nhập</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form></main></body></html>`;
}

async function formOf(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** The login form (the test types a sample person), then the implied consent. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid));
      return;
    }
    const form = await formOf(req);
    const login = form.get('login') ?? '';
    if (!people[login] || people[login].password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid, 'Sai tên đăng nhập hoặc mật khẩu.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = await consoleGrant(provider, details.session.accountId, details.params.client_id, existing);
  await provider.interactionFinished(req, res, { consent: { grantId: grant.jti } }, { mergeWithLastSubmission: true });
}

const handle = provider.callback();
createServer((req, res) => {
  if (!req.url?.startsWith('/interaction/')) return handle(req, res);
  interaction(req, res).catch((error) => {
    process.stderr.write(`interaction failed: ${error.stack ?? error}\n`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error.message ?? error));
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`oidc-provider listening at ${issuer}\n`));

provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error: ${error.stack ?? error}\n`));
