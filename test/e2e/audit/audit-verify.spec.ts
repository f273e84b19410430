import { GENESIS_HASH, type JsonValue, eventHash, globalChainHash } from '@reorg/event-store';
import { swapPositions } from '../../integration/event-store/tamper';
import { AUDIT_HTTP_BEDS, type AuditEvent, type AuditHttpBed, type VerifyAnswer } from './audit-http-bed';

/** The link the walk meets first after `removed` left the log: the event that followed it. */
function expectedAfterRemoval(events: AuditEvent[], removed: AuditEvent) {
  const next = events[events.indexOf(removed) + 1];
  return { streamId: next.streamId, version: next.version, position: next.position, reason: expect.stringMatching(next.streamId === removed.streamId ? /missing or out of order/ : /global hash mismatch/) };
}

describe.each(AUDIT_HTTP_BEDS)('GET /api/v1/audit/verify and /audit/events over HTTP (%s)', (_name, bedOf) => {
  let audit: AuditHttpBed;
  let auditor: string;
  let events: AuditEvent[];

  beforeAll(async () => {
    audit = await bedOf();
    auditor = await audit.bed.token('kiem.toan', ['auditor']);
    events = await audit.allEvents(auditor);
    await audit.saveLog();
  });

  afterAll(() => audit?.close());

  afterEach(async () => {
    await audit.restoreLog();
    expect((await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify')).ok).toBe(true);
  });

  it('says ok for the intact store, with its counts and the last global hash', async () => {
    const answer = await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify');
    const last = events.at(-1) as AuditEvent;
    expect(answer).toEqual({ ok: true, streams: new Set(events.map((e) => e.streamId)).size, events: events.length, failures: [], position: last.position, globalHash: last.globalHash });
    expect(events.length).toBe(await audit.bed.head());
  });

  it('pages the log by position with nextPosition, every event as stored with both hashes: enough to recompute the chains outside', async () => {
    const pages: AuditEvent[][] = [];
    let next = 1;
    for (;;) {
      const page = await audit.get<{ items: AuditEvent[]; nextPosition: number }>(auditor, `/api/v1/audit/events?fromPosition=${next}&limit=3`);
      if (page.items.length === 0) {
        expect(page.nextPosition).toBe(next);
        break;
      }
      expect(page.items.length).toBeLessThanOrEqual(3);
      pages.push(page.items);
      next = page.nextPosition;
    }
    expect(pages.flat()).toEqual(events);
    expect(pages.length).toBe(Math.ceil(events.length / 3));

    const streams = new Map<string, string>();
    let previousGlobal = GENESIS_HASH;
    for (const event of events) {
      const hash = eventHash({ ...event, data: event.data as JsonValue, metadata: event.metadata as JsonValue }, streams.get(event.streamId) ?? GENESIS_HASH);
      expect(hash).toBe(event.hash);
      expect(globalChainHash(event.position, hash, previousGlobal)).toBe(event.globalHash);
      streams.set(event.streamId, hash);
      previousGlobal = event.globalHash;
    }
    expect(events[0].metadata).toMatchObject({ actor: 'admin', roles: ['admin'], recordedAt: expect.any(String) });
  });

  it('reports one byte of one event altered', async () => {
    const registered = events.find((e) => e.type === 'UnitRegistered') as AuditEvent;
    const code = (registered.data.attributes as { code: string }).code;
    await audit.tamperer.replaceInData(registered.position, `"${code}"`, `"${code.slice(0, -1)}${code.endsWith('9') ? '8' : '9'}"`);
    const answer = await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify');
    expect(answer.ok).toBe(false);
    expect(answer.failures).toEqual([{ streamId: registered.streamId, version: registered.version, position: registered.position, reason: expect.stringMatching(/stream hash mismatch/) }]);
  });

  it('reports one event deleted', async () => {
    const removed = events[2];
    await audit.tamperer.deleteEvent(removed.position);
    const answer = await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify');
    expect(answer.ok).toBe(false);
    expect(answer.failures).toEqual([expectedAfterRemoval(events, removed)]);
  });

  it('reports a stream’s last event deleted (the end of the log)', async () => {
    const [previous, last] = events.slice(-2);
    await audit.tamperer.deleteEvent(last.position);
    const answer = await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify');
    expect(answer.ok).toBe(false);
    expect(answer.failures).toEqual([{ streamId: last.streamId, version: last.version, position: previous.position, reason: expect.stringMatching(/events were deleted/) }]);
  });

  it('reports two events reordered', async () => {
    const index = events.findIndex((e, i) => i > 0 && e.streamId !== events[i - 1].streamId);
    const [first, second] = [events[index - 1], events[index]];
    await swapPositions(audit.tamperer, first.position, second.position);
    const answer = await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify');
    expect(answer.ok).toBe(false);
    expect(answer.failures).toEqual([{ streamId: second.streamId, version: second.version, position: first.position, reason: expect.stringMatching(/global hash mismatch/) }]);
  });

  it('reports a recordedAt moved by hand into the future on the last event, and refuses writes instead of adopting it (503 in vi and en, counted)', async () => {
    const last = events.at(-1) as AuditEvent;
    await audit.tamperer.setRecordedAt(last.position, '2099-01-01T00:00:00.000Z');
    const answer = await audit.get<VerifyAnswer>(auditor, '/api/v1/audit/verify');
    expect(answer.failures).toEqual([{ streamId: last.streamId, version: last.version, position: last.position, reason: expect.stringMatching(/stream hash mismatch/) }]);

    const admin = await audit.bed.token('admin', ['admin']);
    const register = (language: string) =>
      audit.bed.call(admin, 'POST', '/api/v1/governing-bodies', { code: 'SNV', name: 'Sở Nội vụ', system: 'GOVERNMENT', level: 'PROVINCE' }, { 'accept-language': language });
    const vi = await register('vi');
    expect(vi.status).toBe(503);
    expect(vi.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const viProblem = (await vi.json()) as { code: string; detail: string };
    expect(viProblem).toMatchObject({ code: 'RECORDED_AT_AHEAD_OF_CLOCK', detail: expect.stringMatching(/2099-01-01T00:00:00.000Z.*EVENT_STORE_MAX_CLOCK_SKEW_SECONDS/) });
    expect(viProblem.detail).toMatch(/đồng hồ/);
    const en = (await (await register('en')).json()) as { code: string; detail: string };
    expect(en).toMatchObject({ code: 'RECORDED_AT_AHEAD_OF_CLOCK', detail: expect.stringMatching(/more than 5 s ahead of the server clock/) });
    expect(await audit.bed.head()).toBe(last.position);

    const metrics = await (await fetch(`${await audit.bed.app.getUrl()}/metrics`)).text();
    const refusals = Number(/^event_store_recorded_at_refusals_total (\d+)/m.exec(metrics)?.[1]);
    expect(refusals).toBeGreaterThanOrEqual(2);
  });
});
