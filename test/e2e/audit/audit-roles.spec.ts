import type { OpenAPIV3 } from 'openapi-types';
import { expectProblem } from '../support/problem';
import { type RunningApp, startTestApp } from '../support/test-app';

const ROLES = ['admin', 'proposer', 'doha_appraiser', 'party_standing_board', 'ppc_leader', 'auditor'] as const;
const READERS = ['admin', 'auditor'];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const AUDIT_ROUTES = ['/api/v1/audit/events', '/api/v1/audit/verify', `/api/v1/units/${UNKNOWN}/history`, `/api/v1/proposals/${UNKNOWN}/history`];

describe('audit routes: auditors and admins read, nobody else; auditors write nothing (real HTTP)', () => {
  let running: RunningApp;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_ENABLED: 'false' });
    for (const role of ROLES) {
      const response = await fetch(`${running.url}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: `${role}-1`, roles: [role] }),
      });
      tokens.set(role, ((await response.json()) as { accessToken: string }).accessToken);
    }
  });

  afterAll(() => running.close());

  const get = (path: string, role?: string) => fetch(`${running.url}${path}`, { headers: role ? { authorization: `Bearer ${tokens.get(role)}` } : {} });

  it.each(AUDIT_ROUTES.flatMap((path) => ROLES.map((role) => [path, role] as const)))('GET %s as %s', async (path, role) => {
    const response = await get(path, role);
    if (READERS.includes(role)) expect(response.status).toBe(path.includes(UNKNOWN) ? 404 : 200);
    else await expectProblem(response, 403, 'FORBIDDEN');
  });

  it.each(AUDIT_ROUTES)('GET %s without a token → 401', async (path) => {
    await expectProblem(await get(path), 401, 'UNAUTHENTICATED');
  });

  it('an empty store verifies and has an empty first page', async () => {
    expect(await (await get('/api/v1/audit/verify', 'auditor')).json()).toEqual({ ok: true, streams: 0, events: 0, failures: [], position: 0, globalHash: '0'.repeat(64) });
    expect(await (await get('/api/v1/audit/events', 'auditor')).json()).toEqual({ items: [], nextPosition: 1 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['fromPosition=0', 'fromPosition'],
    ['fromPosition=-3', 'fromPosition'],
  ])('GET /api/v1/audit/events?%s → 400 naming %s', async (query, field) => {
    const body = await expectProblem(await get(`/api/v1/audit/events?${query}`, 'auditor'), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([expect.objectContaining({ path: field })]);
  });

  it('refuses an unknown query parameter (a misspelt fromPosition would silently start at 1)', async () => {
    const body = await expectProblem(await get('/api/v1/audit/events?from=5', 'auditor'), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([expect.objectContaining({ code: 'UNRECOGNIZED_KEYS', detail: expect.stringContaining('"from"') })]);
  });

  it('the auditor is refused (403) on every route that writes, as the OpenAPI document lists them', async () => {
    const document = (await (await fetch(`${running.url}/docs-json`)).json()) as OpenAPIV3.Document;
    const writes = Object.entries(document.paths).flatMap(([path, item]) =>
      (['post', 'put', 'patch', 'delete'] as const).filter((method) => item?.[method]).map((method) => [method.toUpperCase(), path] as const),
    );
    // POST /audit/verify/checkpoint takes a checkpoint file as its body but only reads (an auditor's check).
    const guarded = writes.filter(([, path]) => path !== '/api/v1/auth/dev-token' && path !== '/api/v1/audit/verify/checkpoint');
    expect(guarded.length).toBeGreaterThan(10);
    const answers = await Promise.all(
      guarded.map(async ([method, path]) => {
        const response = await fetch(`${running.url}${path.replace(/\{[^}]+\}/g, UNKNOWN)}`, {
          method,
          headers: { authorization: `Bearer ${tokens.get('auditor')}`, 'content-type': 'application/json', 'if-match': '"1"' },
          body: '{}',
        });
        return `${method} ${path} → ${response.status}`;
      }),
    );
    expect(answers).toEqual(guarded.map(([method, path]) => `${method} ${path} → 403`));
  });
});
