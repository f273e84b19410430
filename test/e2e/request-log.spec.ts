import { waitFor } from '@reorg/testing';
import { startTestApp, type RunningApp } from './support/test-app';

interface Line {
  level: number;
  msg: string;
  req?: { id?: string; method?: string; url?: string; headers?: Record<string, string> };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** The api's access log at LOG_LEVEL=info (pino-http's lines, now written from a Fastify hook). */
describe('the access log of the real application', () => {
  let running: RunningApp;
  const lines: Line[] = [];
  const accessLines = () => lines.filter((line) => line.res !== undefined);
  const accessLineFor = (url: string) => waitFor(`the access line of ${url}`, () => accessLines().find((line) => line.req?.url === url), { timeoutMs: 10_000 });

  beforeAll(async () => {
    running = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } });
  });

  afterAll(async () => {
    await running.close();
  });

  it('writes one line per request with its id, method, URL, status and response time; authorization and cookie are redacted', async () => {
    const token = ((await (await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'log-reader', roles: ['auditor'] }) })).json()) as { accessToken: string }).accessToken;
    const response = await fetch(`${running.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}`, cookie: 'session=cookie-secret', 'x-request-id': 'log-test-1' } });
    expect(response.status).toBe(200);
    const line = await accessLineFor('/api/v1/auth/me');
    expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'log-test-1', method: 'GET', url: '/api/v1/auth/me', headers: { authorization: '[redacted]', cookie: '[redacted]' } }, res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(JSON.stringify(lines)).not.toContain('cookie-secret');
    expect(accessLines().filter((candidate) => candidate.req?.id === 'log-test-1')).toHaveLength(1);
  });

  it('writes none for /health, /health/ready and /metrics', async () => {
    for (const path of ['/health', '/health/ready', '/metrics', '/health?probe=1']) expect((await fetch(`${running.url}${path}`)).status).toBe(200);
    // Asked for after them: once its line is written, theirs would have been.
    expect((await fetch(`${running.url}/api/v1/nothing-here`)).status).toBe(404);
    expect(await accessLineFor('/api/v1/nothing-here')).toMatchObject({ res: { statusCode: 404 } });
    expect(accessLines().filter((line) => /^\/(health|metrics)/.test(line.req?.url ?? ''))).toEqual([]);
  });
});
