import { expectProblem } from '../support/problem';
import { type AppOnStore, startAppOnStore } from '../support/store-backends';
import { type RunningApp, startTestApp } from '../support/test-app';
import { bearer } from '../support/tokens';

const LIMITS = { RATE_LIMIT_TOKENS_PER_MINUTE: '4', RATE_LIMIT_WRITES_PER_MINUTE: '4' };

/** Two api instances on one PostgreSQL schema, as behind one address: a caller has one budget, not one per instance. */
describe('rate limits hold across api instances (PostgreSQL, two apps)', () => {
  let first: AppOnStore;
  let second: RunningApp;

  beforeAll(async () => {
    first = await startAppOnStore('postgres', LIMITS, 'shared_rate');
    second = await startTestApp({ ...first.storeEnv, ...LIMITS });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const urls = () => [first.url, second.url];
  const issue = (url: string, sub: string) =>
    fetch(`${url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, roles: ['admin'] }) });

  it('dev tokens: the limit counts requests to both instances together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await issue(urls()[i % 2], 'shared-user')).status);
    expect(statuses).toEqual([201, 201, 201, 201]);
    for (const url of urls()) {
      const refused = await issue(url, 'shared-user');
      await expectProblem(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect((await issue(second.url, 'someone-else')).status).toBe(201);
  });

  it('writes: four in turn across the instances, then both refuse the fifth', async () => {
    const token = ((await (await issue(first.url, 'shared-writer')).json()) as { accessToken: string }).accessToken;
    const register = (url: string, code: string) =>
      fetch(`${url}/api/v1/governing-bodies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ code, name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await register(urls()[i % 2], `SR-${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201]);
    for (const url of urls()) await expectProblem(await register(url, `SR-${url}`), 429, 'RATE_LIMITED');
  });
});
