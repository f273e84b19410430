import { expectProblem } from '../support/problem';
import { RegisterClient } from './register-client';
import { registerBody, uniqueCode } from './register-fixtures';

const newBody = () => ({ code: uniqueCode('IDEM'), name: 'Sở Khoa học và Công nghệ', system: 'GOVERNMENT', level: 'PROVINCE' });

describe('Idempotency-Key on POST (real HTTP)', () => {
  let client: RegisterClient;

  beforeAll(async () => {
    client = await RegisterClient.start();
  });

  afterAll(() => client.close());

  it('replays the first response (status and body) for the same key and body, writing nothing more', async () => {
    const body = newBody();
    const first = await client.post('/api/v1/governing-bodies', body, { idempotencyKey: 'key-replay-1' });
    expect(first.status).toBe(201);
    const created = await first.json();
    const after = await client.eventCount();

    const repeat = await client.post('/api/v1/governing-bodies', { ...body }, { idempotencyKey: 'key-replay-1' });
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(await repeat.json()).toEqual(created);
    expect(await client.eventCount()).toBe(after);

    const events = await client.store().readAll({ after: after - 2 });
    expect(events.map((e) => e.metadata.commandId)).toEqual([expect.stringMatching(/^idem-/), expect.stringMatching(/^idem-/)]);
  });

  it('refuses the same key with a different body or path: 409 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    await client.ok('/api/v1/governing-bodies', newBody(), 201, { idempotencyKey: 'key-reuse-1' });
    const before = await client.eventCount();
    await expectProblem(await client.post('/api/v1/governing-bodies', newBody(), { idempotencyKey: 'key-reuse-1' }), 409, 'IDEMPOTENCY_KEY_REUSED');
    await expectProblem(await client.post('/api/v1/decisions/import', { decisions: [] }, { idempotencyKey: 'key-reuse-1' }), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await client.eventCount()).toBe(before);
  });

  it('scopes keys per caller: another user’s request with the same key runs on its own', async () => {
    const body = newBody();
    await client.ok('/api/v1/governing-bodies', body, 201, { idempotencyKey: 'key-scope-1' });
    const other = await client.token('admin', 'another-admin');
    // Not a replay: it ran, and the code is taken.
    await expectProblem(await client.post('/api/v1/governing-bodies', body, { idempotencyKey: 'key-scope-1', token: other }), 409, 'DUPLICATE_CODE');
    const fresh = await client.post('/api/v1/governing-bodies', newBody(), { idempotencyKey: 'key-scope-2', token: other });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
  });

  it('releases the key of a refused request, so that a corrected retry with that key runs', async () => {
    const taken = await registerBody(client);
    const before = await client.eventCount();
    await expectProblem(await client.post('/api/v1/governing-bodies', { ...newBody(), code: taken.code }, { idempotencyKey: 'key-retry-1' }), 409, 'DUPLICATE_CODE');
    expect(await client.eventCount()).toBe(before);
    const retried = await client.post('/api/v1/governing-bodies', newBody(), { idempotencyKey: 'key-retry-1' });
    expect(retried.status).toBe(201);
  });

  it('runs concurrent repeats of one key once: every answer is the same body and one body is registered', async () => {
    const body = newBody();
    const before = await client.eventCount();
    const responses = await Promise.all(Array.from({ length: 5 }, () => client.post('/api/v1/governing-bodies', body, { idempotencyKey: 'key-concurrent-1' })));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await client.eventCount()).toBe(before + 2);
  });

  it('replays a CSV import with the same key and query', async () => {
    const health = await registerBody(client);
    const csv = `\ufeffcode,name,governingBodyCode,level,sector,autonomyGroup,staffingQuota\n${uniqueCode('ID')},Trạm Y tế xã,${health.code},COMMUNE,HEALTH,G4,15\n`;
    const first = await client.ok('/api/v1/units/import?asOf=2017-12-31', csv, 201, { contentType: 'text/csv', idempotencyKey: 'key-csv-1' });
    const after = await client.eventCount();
    const repeat = await client.ok('/api/v1/units/import?asOf=2017-12-31', csv, 201, { contentType: 'text/csv', idempotencyKey: 'key-csv-1' });
    expect(repeat).toEqual(first);
    expect(await client.eventCount()).toBe(after);
    await expectProblem(await client.post('/api/v1/units/import?asOf=2018-12-31', csv, { contentType: 'text/csv', idempotencyKey: 'key-csv-1' }), 409, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a malformed key with 400', async () => {
    const before = await client.eventCount();
    const problem = await expectProblem(await client.post('/api/v1/governing-bodies', newBody(), { idempotencyKey: 'x'.repeat(256) }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(await client.eventCount()).toBe(before);
  });
});
