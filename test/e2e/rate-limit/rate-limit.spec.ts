import { waitFor } from '@reorg/testing';
import { expectProblem } from '../support/problem';
import { type RunningApp, startTestApp } from '../support/test-app';
import { bearer } from '../support/tokens';

describe('rate limits per sub on the dev token route and on writes (real HTTP)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_TOKENS_PER_MINUTE: '3', RATE_LIMIT_WRITES_PER_MINUTE: '4' });
  });

  afterAll(async () => {
    await running.close();
  });

  const issue = (sub: string, roles = ['admin']) =>
    fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, roles }) });

  const token = async (sub: string, roles = ['admin']): Promise<string> => ((await (await issue(sub, roles)).json()) as { accessToken: string }).accessToken;

  const registerBody = (accessToken: string, code: string) =>
    fetch(`${running.url}/api/v1/governing-bodies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(accessToken) },
      body: JSON.stringify({ code, name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }),
    });

  it('issues tokens for one sub up to the limit, then answers 429 RATE_LIMITED with Retry-After; other subs go on', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await issue('busy-user')).status);
    expect(statuses).toEqual([201, 201, 201]);
    const refused = await issue('busy-user');
    const problem = await expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(problem.detail).toContain('3');
    expect((await issue('other-user')).status).toBe(201);
  });

  it('limits writes per token sub; reads are not counted and a refused write changes nothing', async () => {
    const writer = await token('writer-1');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await registerBody(writer, `RL-${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201]);

    const refused = await registerBody(writer, 'RL-REFUSED');
    await expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    let codes: string[] = [];
    await waitFor(
      'the list to show RL-3',
      async () => {
        const list = await fetch(`${running.url}/api/v1/governing-bodies`, { headers: bearer(writer) });
        expect(list.status).toBe(200);
        codes = ((await list.json()) as { items: { code: string }[] }).items.map((b) => b.code);
        return codes.includes('RL-3');
      },
      { intervalMs: 100 },
    ).catch(() => undefined);
    expect(codes.filter((code) => code.startsWith('RL-')).sort()).toEqual(['RL-0', 'RL-1', 'RL-2', 'RL-3']);

    expect((await registerBody(await token('writer-2'), 'RL-OTHER')).status).toBe(201);
  });

  it('counts a write only once the caller is known: a request without a token answers 401, not 429', async () => {
    const anonymous = await fetch(`${running.url}/api/v1/governing-bodies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expectProblem(anonymous, 401, 'UNAUTHENTICATED');
  });
});

describe('RATE_LIMIT_ENABLED=false (benchmarks)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_TOKENS_PER_MINUTE: '1' });
  });

  afterAll(async () => {
    await running.close();
  });

  it('never refuses', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench', roles: ['admin'] }) });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
  });
});

describe('the dev token route counts per client as well as per sub (issue 12, defect 5)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_TOKENS_PER_MINUTE: '3', RATE_LIMIT_TOKENS_PER_CLIENT_PER_MINUTE: '5' });
  });

  afterAll(async () => {
    await running.close();
  });

  const issue = (sub: string, language = 'en') =>
    fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify({ sub, roles: ['admin'] }) });

  it('refuses a client that invents a new sub for every token once it has had its share, with 429 naming the client limit', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await issue(`invented-${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const refused = await issue('invented-5');
    const problem = await expectProblem(refused, 429, 'RATE_LIMITED');
    expect(problem.detail).toContain('from this client');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const vietnamese = await expectProblem(await issue('invented-6', 'vi'), 429, 'RATE_LIMITED');
    expect(vietnamese.detail).toContain('từ máy này');
  });
});
