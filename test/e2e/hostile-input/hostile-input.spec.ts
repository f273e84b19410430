import fc from 'fast-check';
import { STORE_KINDS } from '../support/store-backends';
import { type HostileBed, type WriteRoute, routeKey, startHostileBed } from './hostile-bed';
import { hostileRequests } from './hostile-requests';
import { nestedJson } from './hostile-values';
import { type RawRequest, type RawResponse, withConcurrency } from './raw-http';

/** The write routes this suite was written against; the app may add more (they are covered too), never fewer. */
const KNOWN_WRITE_ROUTES = [
  'POST /api/v1/auth/dev-token',
  'POST /api/v1/governing-bodies',
  'POST /api/v1/governing-bodies/{id}/rename',
  'POST /api/v1/governing-bodies/{id}/abolish',
  'POST /api/v1/units/import',
  'POST /api/v1/decisions/import',
  'POST /api/v1/decisions/{number}/annul',
  'POST /api/v1/provinces/{province}/merge',
  'POST /api/v1/proposals',
  'PUT /api/v1/proposals/{id}',
  'POST /api/v1/proposals/{id}/withdraw',
  'POST /api/v1/proposals/{id}/attachments',
  'POST /api/v1/proposals/{id}/submit',
  'POST /api/v1/proposals/{id}/steps/{stepId}/decision',
];

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
/** Requests fired at once per property run: modest concurrency for a 2-core machine. */
const BATCH = 8;
const RUNS_PER_ROUTE: Record<string, number> = { sqlite: 100, postgres: 60 };

function describeRequest(request: RawRequest): string {
  const body = request.body ? request.body.subarray(0, 300).toString('utf8') : '(none)';
  return `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify({ ...request.headers, authorization: request.headers.authorization ? '(set)' : undefined })} body[${request.body?.length ?? 0}]: ${body}`;
}

/** A refusal: 4xx but never 429, as problem+json with a code. Returns a complaint, or undefined when it is one. */
function complaintAbout(request: RawRequest, response: RawResponse): string | undefined {
  const problem = (() => {
    try {
      return JSON.parse(response.text) as { code?: unknown; status?: unknown };
    } catch {
      return undefined;
    }
  })();
  const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
  const wellFormed = response.contentType === PROBLEM_JSON && typeof problem?.code === 'string' && /^[A-Z_]+$/.test(problem.code) && problem.status === response.status;
  if (refused && wellFormed) return undefined;
  return `${response.status} ${response.contentType} ${response.text.slice(0, 300)}\n  for ${describeRequest(request)}`;
}

describe.each(STORE_KINDS)('hostile input to every write route on %s', (_label, kind) => {
  let bed: HostileBed;
  let headBefore: number;
  const statusCounts = new Map<number, number>();

  async function send(request: RawRequest): Promise<RawResponse> {
    const response = await bed.http.send(request);
    statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
    return response;
  }

  async function expectRefused(requests: RawRequest[]): Promise<RawResponse[]> {
    const responses = await withConcurrency(requests, BATCH, send);
    const complaints = requests.map((request, i) => complaintAbout(request, responses[i])).filter((c) => c !== undefined);
    if (complaints.length > 0) throw new Error(`not refused with a 4xx problem:\n${complaints.join('\n')}`);
    return responses;
  }

  const adminHeaders = () => ({ authorization: `Bearer ${bed.tokens.admin}`, 'content-type': 'application/json' });
  /** Path params replaced by ids that exist (the body alone then decides). */
  const concretePath = (route: WriteRoute) =>
    route.path.replace('{id}', bed.fixtures.proposals.draft).replace('{stepId}', bed.fixtures.pendingStepId).replace('{number}', encodeURIComponent(bed.fixtures.decisionNumber));

  beforeAll(async () => {
    bed = await startHostileBed(kind);
    headBefore = await bed.app.store.latestPosition();
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('reads every write route from the OpenAPI document, at least the known ones', () => {
    const found = bed.writeRoutes.map(routeKey);
    expect(found).toEqual(expect.arrayContaining(KNOWN_WRITE_ROUTES));
    expect(found.length).toBeGreaterThanOrEqual(KNOWN_WRITE_ROUTES.length);
    // Some token of ours gets past authorisation on every route, so that requests reach validation.
    expect(bed.writeRoutes.filter((route) => route.authorised.length === 0).map(routeKey)).toEqual([]);
  });

  it('refuses generated hostile requests to every route with a 4xx problem: no 5xx, no 429, no event', async () => {
    const perRoute = new Map<string, number>();
    for (const route of bed.writeRoutes) {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileRequests(route, bed.fixtures, bed.tokens), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await expectRefused(batch);
          perRoute.set(routeKey(route), (perRoute.get(routeKey(route)) ?? 0) + batch.length);
          expect(await bed.app.store.latestPosition()).toBe(headBefore);
        }),
        { numRuns: RUNS_PER_ROUTE[kind], endOnFailure: true },
      );
    }
    const total = [...perRoute.values()].reduce((a, b) => a + b, 0);
    expect([...perRoute.keys()].sort()).toEqual(bed.writeRoutes.map(routeKey).sort());
    expect(total).toBeGreaterThanOrEqual(bed.writeRoutes.length * RUNS_PER_ROUTE[kind] * BATCH);
    process.stdout.write(`[hostile-input ${kind}] ${total} generated requests over ${perRoute.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}\n`);
  }, 900_000); // fixed work (routes × runs × batch): minutes on a loaded machine

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE on every JSON route, and a 4xx on the others', async () => {
    const huge = Buffer.from(JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }));
    for (const route of bed.writeRoutes) {
      const multipartOnly = route.bodyTypes.length > 0 && route.bodyTypes.every((type) => type.startsWith('multipart/'));
      const headers = multipartOnly ? { ...adminHeaders(), 'content-type': 'multipart/form-data; boundary=b' } : adminHeaders();
      const [response] = await expectRefused([{ method: route.method, path: concretePath(route), headers, body: huge }]);
      if (!multipartOnly) expect({ route: routeKey(route), status: response.status, code: JSON.parse(response.text).code }).toEqual({ route: routeKey(route), status: 413, code: 'PAYLOAD_TOO_LARGE' });
    }
  });

  it.each([10_000, 100_000])('answers JSON nested %i levels deep with 400 on every route, with or without an Idempotency-Key', async (depth) => {
    const requests = bed.writeRoutes.flatMap((route) =>
      [nestedJson(depth, 'array'), nestedJson(depth, 'object')].flatMap((text) => [
        { method: route.method, path: concretePath(route), headers: adminHeaders(), body: Buffer.from(text) },
        { method: route.method, path: concretePath(route), headers: { ...adminHeaders(), 'idempotency-key': `deep-${depth}-${text.length}` }, body: Buffer.from(text) },
      ]),
    );
    const responses = await expectRefused(requests);
    const jsonRoutes = new Set(bed.writeRoutes.filter((r) => r.bodyTypes.includes('application/json')).map((r) => r.method + ' ' + concretePath(r)));
    const jsonAnswers = responses.filter((_, i) => jsonRoutes.has(`${requests[i].method} ${requests[i].path}`));
    expect(jsonAnswers.length).toBeGreaterThan(0);
    expect(new Set(jsonAnswers.map((r) => r.status))).toEqual(new Set([400]));
  });

  it('answers JSON numbers beyond the double range with 400 on every JSON route, with or without an Idempotency-Key', async () => {
    const jsonRoutes = bed.writeRoutes.filter((route) => route.bodyTypes.includes('application/json'));
    const requests = jsonRoutes.flatMap((route) =>
      ['1e309', '{"staffingQuota":-1e400}'].flatMap((text, i) => [
        { method: route.method, path: concretePath(route), headers: adminHeaders(), body: Buffer.from(text) },
        { method: route.method, path: concretePath(route), headers: { ...adminHeaders(), 'idempotency-key': `huge-number-${i}` }, body: Buffer.from(text) },
      ]),
    );
    const responses = await expectRefused(requests);
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([400]));
  });

  it('answers bodies with invalid UTF-8 and path params that are no ids with a 4xx problem', async () => {
    const requests = bed.writeRoutes.flatMap((route) => [
      { method: route.method, path: concretePath(route), headers: adminHeaders(), body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80]), Buffer.from('"}')]) },
      ...(route.params.length === 0
        ? []
        : ['not-a-uuid', '1%27%20OR%20%271%27%3D%271', '%E0%A4%A', '%00', 'x'.repeat(5_000)].map((segment) => ({
            method: route.method,
            path: route.params.reduce((path, name) => path.replace(`{${name}}`, segment), route.path),
            headers: adminHeaders(),
            body: Buffer.from('{}'),
          }))),
    ]);
    await expectRefused(requests);
  });

  it('wrote no event, and afterwards is ready and still accepts a valid write', async () => {
    expect(await bed.app.store.latestPosition()).toBe(headBefore);
    expect((await fetch(`${bed.app.url}/health/ready`)).status).toBe(200);
    expect(statusCounts.get(429)).toBeUndefined();
    expect([...statusCounts.keys()].filter((status) => status >= 500)).toEqual([]);
    const created = await fetch(`${bed.app.url}/api/v1/governing-bodies`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ code: 'SNV', name: 'Sở Nội vụ', system: 'GOVERNMENT', level: 'PROVINCE' }),
    });
    expect(created.status).toBe(201);
    expect(await bed.app.store.latestPosition()).toBeGreaterThan(headBefore);
  });
});
