import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { expectProblem } from './support/problem';
import { startTestApp, type RunningApp } from './support/test-app';

describe('operations endpoints and error rendering (real HTTP)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('GET /health answers 200 {status: ok} without a token', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready reports the event store head', async () => {
    const response = await fetch(`${running.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: {
        eventStore: { status: 'up', headPosition: 0 },
        // Where each runtime runs (here: the all-in-one process without a broker).
        runtimes: { status: 'up', projections: 'embedded', approval: 'embedded', relay: 'none (no KAFKA_BROKERS)', notifications: 'projected from the log (no KAFKA_BROKERS)' },
      },
    });
  });

  it('GET /metrics serves Prometheus text with default metrics and the request duration histogram by route', async () => {
    await fetch(`${running.url}/health`);
    const response = await fetch(`${running.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} [1-9]/);
  });

  it('answers an unknown route with 404 problem+json, in Vietnamese by default', async () => {
    const body = await expectProblem(await fetch(`${running.url}/api/v1/nothing-here`), 404, 'NOT_FOUND');
    expect(body).toMatchObject({ title: 'Không tìm thấy', detail: 'Không có đường dẫn GET /api/v1/nothing-here; xem danh sách đường dẫn tại /docs.' });
  });

  it('answers in English with Accept-Language: en', async () => {
    const response = await fetch(`${running.url}/api/v1/nothing-here`, { headers: { 'accept-language': 'en' } });
    const body = await expectProblem(response, 404, 'NOT_FOUND');
    expect(body.title).toBe('Not found');
    expect(response.headers.get('content-language')).toBe('en');
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const response = await fetch(`${running.url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: '{"sub": "a",',
    });
    const body = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(body.detail).toBe('The request body is not well-formed JSON.');
  });

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${running.url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'x'.repeat(1024 * 1024) }),
    });
    const body = await expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(body).toMatchObject({ title: 'Dữ liệu gửi lên quá lớn', detail: 'Nội dung yêu cầu vượt quá giới hạn cho phép; hãy chia nhỏ dữ liệu gửi lên.' });
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await fetch(`${running.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  // Last: it closes the store.
  it('GET /health/ready answers 503 problem+json once the event store stops answering', async () => {
    await running.app.get<symbol, EventStore>(EVENT_STORE).close();
    const body = await expectProblem(await fetch(`${running.url}/health/ready`, { headers: { 'accept-language': 'en' } }), 503, 'SERVICE_UNAVAILABLE');
    expect(body.errors).toEqual([{ path: 'eventStore', code: 'EVENT_STORE_UNAVAILABLE', detail: expect.any(String) }]);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });
});
