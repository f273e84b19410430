import { type RunningApp, startTestApp } from '../support/test-app';

/**
 * docs/http-contract.md#who-may-do-what, written out by hand: every route × every role, plus no token.
 * Requests carry bodies that fail validation (or name unknown ids), so an allowed role gets 400/404/409/422
 * and nothing changes; a refused role gets 403 before validation; no token gets 401.
 */
type Role = 'admin' | 'proposer' | 'doha_appraiser' | 'party_standing_board' | 'ppc_leader' | 'commune_leader' | 'auditor';
const ROLES: Role[] = ['admin', 'proposer', 'doha_appraiser', 'party_standing_board', 'ppc_leader', 'commune_leader', 'auditor'];
const APPROVERS: Role[] = ['doha_appraiser', 'party_standing_board', 'ppc_leader', 'commune_leader'];
const ALL = ROLES;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface RouteRule {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  allowed: Role[];
  headers?: Record<string, string>;
}

const TABLE: RouteRule[] = [
  // governing bodies, unit import, decision import / annulment: admin writes, everybody reads
  { method: 'POST', path: '/api/v1/governing-bodies', allowed: ['admin'] },
  { method: 'POST', path: `/api/v1/governing-bodies/${UNKNOWN}/rename`, allowed: ['admin'] },
  { method: 'POST', path: `/api/v1/governing-bodies/${UNKNOWN}/abolish`, allowed: ['admin'] },
  { method: 'GET', path: '/api/v1/governing-bodies', allowed: ALL },
  { method: 'GET', path: `/api/v1/governing-bodies/${UNKNOWN}`, allowed: ALL },
  { method: 'GET', path: `/api/v1/governing-bodies/${UNKNOWN}/lineage`, allowed: ALL },
  { method: 'POST', path: '/api/v1/provinces/BAC_KAN/merge', allowed: ['admin'] },
  { method: 'POST', path: '/api/v1/units/import', allowed: ['admin'] },
  { method: 'POST', path: '/api/v1/decisions/import', allowed: ['admin'] },
  { method: 'POST', path: `/api/v1/decisions/${encodeURIComponent('1/QĐ-UBND')}/annul`, allowed: ['admin'] },
  // units, structure, diff, code lists: everybody reads
  { method: 'GET', path: '/api/v1/units', allowed: ALL },
  { method: 'GET', path: `/api/v1/units/${UNKNOWN}`, allowed: ALL },
  { method: 'GET', path: `/api/v1/units/${UNKNOWN}/lineage`, allowed: ALL },
  { method: 'GET', path: '/api/v1/structure', allowed: ALL },
  { method: 'GET', path: '/api/v1/structure/diff?from=2018-01-01&to=2019-01-01', allowed: ALL },
  { method: 'GET', path: '/api/v1/code-lists/sectors', allowed: ALL },
  { method: 'GET', path: '/api/v1/code-lists/autonomy-groups', allowed: ALL },
  { method: 'GET', path: '/api/v1/code-lists/operation-types', allowed: ALL },
  // proposals: the proposer writes; admin, proposer, approvers and auditors read
  { method: 'POST', path: '/api/v1/proposals', allowed: ['proposer'] },
  { method: 'PUT', path: `/api/v1/proposals/${UNKNOWN}`, allowed: ['proposer'], headers: { 'if-match': '"1"' } },
  { method: 'POST', path: `/api/v1/proposals/${UNKNOWN}/submit`, allowed: ['proposer'] },
  { method: 'POST', path: `/api/v1/proposals/${UNKNOWN}/withdraw`, allowed: ['proposer'] },
  { method: 'POST', path: `/api/v1/proposals/${UNKNOWN}/attachments`, allowed: ['proposer'] },
  { method: 'GET', path: '/api/v1/proposals', allowed: ALL },
  { method: 'GET', path: `/api/v1/proposals/${UNKNOWN}`, allowed: ALL },
  { method: 'GET', path: `/api/v1/proposals/${UNKNOWN}/attachments/${UNKNOWN}`, allowed: ALL },
  // step decisions and inbox: approvers only
  { method: 'POST', path: `/api/v1/proposals/${UNKNOWN}/steps/${UNKNOWN}/decision`, allowed: APPROVERS },
  { method: 'GET', path: '/api/v1/approvals/inbox', allowed: APPROVERS },
  // histories: admin and auditor only
  { method: 'GET', path: `/api/v1/proposals/${UNKNOWN}/history`, allowed: ['admin', 'auditor'] },
  { method: 'GET', path: `/api/v1/units/${UNKNOWN}/history`, allowed: ['admin', 'auditor'] },
  { method: 'GET', path: '/api/v1/audit/events', allowed: ['admin', 'auditor'] },
  { method: 'GET', path: '/api/v1/audit/verify', allowed: ['admin', 'auditor'] },
  { method: 'POST', path: '/api/v1/audit/verify/checkpoint', allowed: ['admin', 'auditor'] },
  { method: 'GET', path: '/api/v1/export/org?asOf=2018-01-01&format=csv', allowed: ['admin', 'auditor'] },
];

describe('role × route table of docs/http-contract.md#who-may-do-what (real HTTP)', () => {
  let running: RunningApp;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_ENABLED: 'false' });
    for (const role of ROLES) {
      const response = await fetch(`${running.url}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: `${role}-1`, roles: [role], governingBodyIds: [] }),
      });
      tokens.set(role, ((await response.json()) as { accessToken: string }).accessToken);
    }
  });

  afterAll(() => running.close());

  const send = (rule: RouteRule, token?: string) =>
    fetch(`${running.url}${rule.path}`, {
      method: rule.method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(rule.method === 'GET' ? {} : { 'content-type': 'application/json' }),
        ...rule.headers,
      },
      ...(rule.method === 'GET' ? {} : { body: '{}' }),
    });

  const cases = TABLE.flatMap((rule) => ROLES.map((role) => [`${rule.method} ${rule.path}`, role, rule] as const));

  it.each(cases)('%s as %s', async (_, role, rule) => {
    const response = await send(rule, tokens.get(role));
    if (rule.allowed.includes(role)) {
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else {
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
    }
  });

  it.each(TABLE.map((rule) => [`${rule.method} ${rule.path}`, rule] as const))('%s without a token → 401', async (_, rule) => {
    const response = await send(rule);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
  });
});
