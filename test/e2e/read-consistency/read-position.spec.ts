import { ApprovalFlow } from '../execution/approval-flow';
import { expectProblem } from '../support/problem';
import { STORE_KINDS, type AppOnStore, type StoreKind, startAppOnStore } from '../support/store-backends';

/** The consistency token of every query (README, "what a client can rely on"; ADR 0018), on both stores. */
describe.each(STORE_KINDS)('read position and minimum position (%s)', (_label, kind: StoreKind) => {
  let app: AppOnStore;
  let flow: ApprovalFlow;
  let admin: string;
  let seed: { bodyId: string; unitId: string };

  beforeAll(async () => {
    app = await startAppOnStore(kind, { CLOCK_FIXED_AT: '2025-07-01T03:00:00Z', RATE_LIMIT_ENABLED: 'false' }, 'read_position');
    flow = new ApprovalFlow(app.url);
    admin = await flow.token('admin-1', ['admin']);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${admin}`, ...headers } });
  const positionOf = (response: Response) => Number(response.headers.get('x-read-position'));

  it('every query carries X-Read-Position, which moves past a write once it is answered', async () => {
    const before = await get('/api/v1/governing-bodies');
    expect(before.status).toBe(200);
    expect(before.headers.get('x-read-position')).toMatch(/^\d+$/);
    seed = await flow.seed();
    const after = await get(`/api/v1/units/${seed.unitId}`);
    expect(after.status).toBe(200);
    expect(positionOf(after)).toBeGreaterThan(positionOf(before));
    expect(positionOf(after)).toBeLessThanOrEqual(await app.store.latestPosition());
  });

  it('a proposal folded from the log answers at the log position it drew on, and the read models are there too', async () => {
    const submitted = await flow.submitRename(seed, '2025-07-01', 'Tên mới');
    const answer = await get(`/api/v1/proposals/${submitted.id}`);
    expect(answer.status).toBe(200);
    const position = positionOf(answer);
    expect(position).toBeGreaterThanOrEqual((await app.store.readStream(`proposal-${submitted.id}`)).at(-1)?.position ?? Number.MAX_SAFE_INTEGER);
    expect(positionOf(await get('/api/v1/proposals'))).toBeGreaterThanOrEqual(position);
  });

  it('X-Min-Position and ?minPosition= at or below the log answer at once, at least that position', async () => {
    const latest = await app.store.latestPosition();
    const byHeader = await get('/api/v1/structure', { 'x-min-position': String(latest) });
    expect(byHeader.status).toBe(200);
    expect(positionOf(byHeader)).toBeGreaterThanOrEqual(latest);
    const byParam = await get(`/api/v1/units?minPosition=${latest}`);
    expect(byParam.status).toBe(200);
    expect(positionOf(byParam)).toBeGreaterThanOrEqual(latest);
  });

  it('refuses a malformed minimum (400 INVALID_POSITION) and one beyond the log (400 POSITION_AHEAD_OF_LOG)', async () => {
    for (const [path, headers, field] of [
      ['/api/v1/units', { 'x-min-position': 'abc' }, 'X-Min-Position'],
      ['/api/v1/units?minPosition=-1', {}, 'minPosition'],
      ['/api/v1/units?minPosition=1.5', {}, 'minPosition'],
    ] as const) {
      const problem = await expectProblem(await get(path, headers), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ path: field, code: 'INVALID_POSITION' })]);
    }
    const ahead = await get(`/api/v1/units?minPosition=${(await app.store.latestPosition()) + 1_000}`);
    const problem = await expectProblem(ahead, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'minPosition', code: 'POSITION_AHEAD_OF_LOG' })]);
  });

  it('the audit log is read at its head, without a read position', async () => {
    const auditor = await flow.token('auditor-1', ['auditor']);
    const response = await fetch(`${app.url}/api/v1/audit/events?limit=1`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-read-position')).toBeNull();
  });
});
