import { request } from 'node:http';
import { type RunningApp, startTestApp } from '../support/test-app';
import { RawHttp } from './raw-http';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/**
 * HTTP-level limits are the same whatever the event store (they refuse before any route runs), so
 * these run on the embedded store only.
 */
describe('refusals at the HTTP limits are readable problem+json (issue 12, defect 5)', () => {
  let running: RunningApp;
  let admin: string;

  beforeAll(async () => {
    running = await startTestApp({ RATE_LIMIT_ENABLED: 'false' });
    const issued = await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'admin-1', roles: ['admin'] }) });
    admin = ((await issued.json()) as { accessToken: string }).accessToken;
  });

  afterAll(async () => {
    await running?.close();
  });

  it('answers headers over the limit with 431 problem+json', async () => {
    const response = await fetch(`${running.url}/api/v1/units`, { headers: { authorization: `Bearer ${admin}`, 'x-padding': 'a'.repeat(40_000) } });
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status: 431, contentType: PROBLEM_JSON });
    expect(await response.json()).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE', type: 'urn:reorg:problem:request-headers-too-large', detail: expect.any(String) });
  });

  it('answers a 30 MB JSON body with a 413 problem+json the client can read, not a connection reset', async () => {
    const body = Buffer.from(JSON.stringify({ code: 'BIG', name: 'x'.repeat(30 * 1024 * 1024) }));
    const response = await fetch(`${running.url}/api/v1/governing-bodies`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body });
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status: 413, contentType: PROBLEM_JSON });
    expect(await response.json()).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('does the same for a node:http client that writes all 30 MB before reading', async () => {
    const http = new RawHttp(running.url);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const body = Buffer.alloc(30 * 1024 * 1024, 'x');
        const response = await http.send({ method: 'POST', path: '/api/v1/governing-bodies', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body });
        expect({ status: response.status, contentType: response.contentType }).toEqual({ status: 413, contentType: PROBLEM_JSON });
      }
    } finally {
      http.close();
    }
  });

  it('does the same for a 30 MB body that arrives slowly, with its Content-Length', async () => {
    const piece = new Uint8Array(1024 * 1024).fill(0x78);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 30) return controller.close();
        sent += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        controller.enqueue(piece);
      },
    });
    const response = await fetch(`${running.url}/api/v1/governing-bodies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'content-length': String(30 * piece.length) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status: 413, contentType: PROBLEM_JSON });
  });

  it('does the same for a 30 MB body sent in chunks without a Content-Length', async () => {
    const url = new URL(running.url);
    const answer = await new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
      const outgoing = request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/v1/governing-bodies', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      const piece = Buffer.alloc(1024 * 1024, 'x');
      outgoing.write('{"name":"');
      for (let i = 0; i < 30; i++) outgoing.write(piece);
      outgoing.end('"}');
    });
    expect({ status: answer.status, contentType: answer.contentType }).toEqual({ status: 413, contentType: PROBLEM_JSON });
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('still serves requests afterwards', async () => {
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });
});
