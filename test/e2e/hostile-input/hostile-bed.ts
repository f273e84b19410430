import { type AppOnStore, type StoreKind, startAppOnStore } from '../support/store-backends';
import { RawHttp } from './raw-http';

export const DECISION_NUMBER = '1/QĐ-UBND';

/** A write route as the running app's OpenAPI document describes it. */
export interface WriteRoute {
  method: string;
  /** OpenAPI path template, e.g. /api/v1/proposals/{id}/submit */
  path: string;
  params: string[];
  /** The content types of its request body ([] when it takes none). */
  bodyTypes: string[];
  /** The tokens this route does not refuse with 401/403: with them, requests reach validation. */
  authorised: string[];
}

export const routeKey = (route: Pick<WriteRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** Things that exist, so that hostile requests can name them and get past "not found". */
export interface Fixtures {
  bodies: { health: string; education: string };
  units: { h1: string; h2: string };
  proposals: { draft: string; withdrawn: string; inReview: string };
  pendingStepId: string;
  decisionNumber: string;
}

export interface Tokens {
  admin: string;
  proposer: string;
  appraiser: string;
}

export interface HostileBed {
  app: AppOnStore;
  http: RawHttp;
  tokens: Tokens;
  fixtures: Fixtures;
  writeRoutes: WriteRoute[];
  close(): Promise<void>;
}

async function expectJson<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Every POST, PUT, PATCH and DELETE the running app documents. */
async function writeRoutesOf(url: string): Promise<Omit<WriteRoute, 'authorised'>[]> {
  type Operation = { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, unknown> } };
  const spec = await expectJson<{ paths: Record<string, Record<string, Operation>> }>(await fetch(`${url}/docs-json`), 200, 'GET /docs-json');
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        bodyTypes: Object.keys(operation.requestBody?.content ?? {}),
      })),
  );
}

/** Which tokens get past authorisation on each route, learnt by asking with a body no route accepts. */
async function authorise(http: RawHttp, routes: Omit<WriteRoute, 'authorised'>[], tokens: string[], ids: { draft: string; stepId: string }): Promise<WriteRoute[]> {
  const result: WriteRoute[] = [];
  for (const route of routes) {
    const path = route.path.replace('{id}', ids.draft).replace('{stepId}', ids.stepId).replace('{number}', encodeURIComponent(DECISION_NUMBER));
    const authorised: string[] = [];
    for (const token of tokens) {
      const response = await http.send({ method: route.method, path, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: Buffer.from('{"probe":[]}') });
      if (response.status !== 401 && response.status !== 403) authorised.push(token);
    }
    result.push({ ...route, authorised });
  }
  return result;
}

/** The real app on the store with rate limiting off (a 429 would hide what validation does), seeded over HTTP. */
export async function startHostileBed(kind: StoreKind): Promise<HostileBed> {
  const app = await startAppOnStore(kind, { RATE_LIMIT_ENABLED: 'false' }, 'hostile');
  try {
    const call = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const token = async (sub: string, roles: string[], governingBodyIds: string[] = []) =>
      (
        await expectJson<{ accessToken: string }>(
          await fetch(`${app.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, roles, governingBodyIds }) }),
          201,
          'dev token',
        )
      ).accessToken;
    const ok = async <T>(tokenValue: string, method: string, path: string, body: unknown, status: number) =>
      expectJson<T>(await call(tokenValue, method, path, body), status, `${method} ${path}`);

    const admin = await token('admin-1', ['admin']);
    const body = async (code: string, name: string) => (await ok<{ id: string }>(admin, 'POST', '/api/v1/governing-bodies', { code, name, system: 'GOVERNMENT', level: 'PROVINCE' }, 201)).id;
    const bodies = { health: await body('SYT', 'Sở Y tế'), education: await body('SGDDT', 'Sở Giáo dục và Đào tạo') };
    const row = (code: string, name: string) => ({ code, name, governingBodyCode: 'SYT', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 });
    const imported = await ok<{ units: { code: string; unitId: string }[] }>(
      admin,
      'POST',
      '/api/v1/units/import',
      { asOf: '2017-12-31', units: [row('H1', 'Bệnh viện Đa khoa tỉnh'), row('H2', 'Trung tâm Y tế dự phòng')] },
      201,
    );
    const units = { h1: imported.units[0].unitId, h2: imported.units[1].unitId };
    await ok(
      admin,
      'POST',
      '/api/v1/decisions/import',
      { decisions: [{ number: DECISION_NUMBER, date: '2019-01-01', effectiveDate: '2019-01-01', signer: 'Nguyễn Văn A', issuer: 'UBND tỉnh', operations: [{ type: 'RENAME', unitId: units.h2, newName: 'Trung tâm Kiểm soát bệnh tật' }] }] },
      201,
    );

    const proposer = await token('proposer-1', ['proposer'], [bodies.health]);
    const appraiser = await token('appraiser-1', ['doha_appraiser']);
    const draftBody = (unitId: string, newName: string) => ({
      title: 'Đổi tên đơn vị',
      rationale: 'Theo Nghị quyết 19-NQ/TW',
      governingBodyId: bodies.health,
      proposedEffectiveDate: '2024-07-01',
      operations: [{ type: 'RENAME', unitId, newName }],
    });
    const draft = (await ok<{ id: string }>(proposer, 'POST', '/api/v1/proposals', draftBody(units.h1, 'Bệnh viện Tỉnh'), 201)).id;
    const withdrawn = (await ok<{ id: string }>(proposer, 'POST', '/api/v1/proposals', draftBody(units.h1, 'Bệnh viện Mới'), 201)).id;
    await ok(proposer, 'POST', `/api/v1/proposals/${withdrawn}/withdraw`, { reason: 'Chờ chủ trương mới' }, 200);
    const inReview = (await ok<{ id: string }>(proposer, 'POST', '/api/v1/proposals', draftBody(units.h2, 'Trung tâm Y tế tỉnh'), 201)).id;
    const submitted = await ok<{ steps: { stepId: string; status: string }[] }>(proposer, 'POST', `/api/v1/proposals/${inReview}/submit`, undefined, 200);
    const pending = submitted.steps.find((step) => step.status === 'PENDING');
    if (!pending) throw new Error('the submitted proposal has no pending step');

    const http = new RawHttp(app.url);
    return {
      app,
      http,
      tokens: { admin, proposer, appraiser },
      fixtures: { bodies, units, proposals: { draft, withdrawn, inReview }, pendingStepId: pending.stepId, decisionNumber: DECISION_NUMBER },
      writeRoutes: await authorise(http, await writeRoutesOf(app.url), [admin, proposer, appraiser], { draft, stepId: pending.stepId }),
      close: async () => {
        http.close();
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
