import { randomUUID } from 'node:crypto';
import { CLOUDEVENTS_CONTENT_TYPE, EVENT_SOURCE, Relay } from '@reorg/messaging';
import { PATIENCE_MS, requireKafka } from '@reorg/testing';
import type { Kafka } from 'kafkajs';
import { type StoreBed, appendRenames, idsByKey, onlyRestartResends, openStoreBed, readTopic, testKafka, uniqueTopics, withoutResends, readWholeLog } from './messaging-test-bed';

const TIMEOUT_MS = 180_000;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('Relay: the global log to Kafka (real PostgreSQL, real broker)', () => {
  let bed: StoreBed;
  let kafka: Kafka;
  const topics = uniqueTopics('relay');
  const relays: Relay[] = [];

  beforeAll(async () => {
    kafka = testKafka(requireKafka());
    bed = await openStoreBed('relay');
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topics.units.name, topics.proposals.name] }).catch(() => undefined);
      await admin.disconnect();
    }
    await bed?.close();
  });

  function startRelay(): Promise<Relay> {
    const relay = new Relay(bed.store, bed.readModels, { kafka, topics, batchSize: 7, logger: quiet });
    relays.push(relay);
    return relay.start().then(() => relay);
  }

  it(
    'publishes curated CloudEvents keyed by stream, in order per key, and resumes after a restart without gaps',
    async () => {
      const units = ['u1', 'u2', 'u3', 'u4'];
      await appendRenames(bed.store, units, 5);
      await bed.store.appendToStream('body-b1', 'no_stream', [
        { eventId: randomUUID(), type: 'GoverningBodyRegistered', data: { bodyId: 'b1', code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' } },
      ]);
      await bed.store.appendToStream('unit-u1', 'any', [
        {
          eventId: randomUUID(),
          type: 'UnitDecisionAnnulled',
          data: { unitId: 'u1', decisionKey: 'QD-1/UBND', effectiveDate: '2025-07-01', annulment: { number: '9/QĐ-UBND', date: '2025-08-01', reason: 'internal note: clerk typo' } },
        },
      ]);
      const proposalEventId = randomUUID();
      await bed.store.appendToStream('proposal-p1', 'no_stream', [
        { eventId: proposalEventId, type: 'ProposalWithdrawn', data: { proposalId: 'p1', reason: 'r', withdrawnBy: 's', withdrawnAt: '2025-01-01T00:00:00.000Z', fromStatus: 'DRAFT', cancelledStepIds: [] } },
      ]);
      await bed.store.appendToStream('other-x', 'no_stream', [{ eventId: randomUUID(), type: 'SomethingUnpublished', data: {} }]);

      const first = await startRelay();
      expect(await first.waitUntil(await bed.store.latestPosition(), PATIENCE_MS)).toBe(true);
      await first.stop();

      const log = await readWholeLog(bed.store);
      const publicEvents = log.filter((e) => e.streamId.startsWith('unit-') || e.streamId.startsWith('body-'));
      const expected = new Map<string, string[]>();
      for (const event of publicEvents) expected.set(event.streamId, [...(expected.get(event.streamId) ?? []), event.eventId]);

      const records = await readTopic(kafka, topics.units.name, publicEvents.length);
      expect(new Map([...idsByKey(records)].map(([key, ids]) => [key, withoutResends(ids)]))).toEqual(expected);

      const renamed = records.find((r) => r.event.id === publicEvents[0].eventId)!;
      expect(renamed.contentType).toBe(CLOUDEVENTS_CONTENT_TYPE);
      expect(renamed.event).toEqual({
        specversion: '1.0',
        id: publicEvents[0].eventId,
        source: EVENT_SOURCE,
        type: 'reorg.register.UnitRenamed.v1',
        subject: 'unit-u1',
        time: publicEvents[0].metadata.recordedAt,
        datacontenttype: 'application/json',
        position: publicEvents[0].position,
        hash: publicEvents[0].hash,
        data: {
          unitId: 'u1',
          effectiveDate: '2025-07-01',
          decision: { key: 'QD-1/UBND', number: '1/QĐ-UBND', date: '2025-06-01', effectiveDate: '2025-07-01', issuer: 'UBND', signer: 'Chủ tịch' },
          change: { name: 'Unit u1 #1', previousName: 'Unit u1 #1 (old)' },
        },
      });
      const annulled = records.find((r) => r.event.type === 'reorg.register.UnitDecisionAnnulled.v1')!;
      expect(annulled.event.data).toEqual({ unitId: 'u1', effectiveDate: '2025-07-01', decision: { number: '9/QĐ-UBND', date: '2025-08-01' }, change: { decisionKey: 'QD-1/UBND' } });
      expect(JSON.stringify(records.map((r) => r.event))).not.toMatch(/internal note|p-internal|admin-1/);

      const internal = await readTopic(kafka, topics.proposals.name, 1);
      expect(internal.map((r) => [r.key, r.event.id, r.event.type])).toEqual([['proposal-p1', proposalEventId, 'reorg.proposal.ProposalWithdrawn.v1']]);

      // A second relay (a restart) continues from the saved checkpoint.
      await appendRenames(bed.store, units, 3);
      const second = await startRelay();
      expect(second.position).toBe(log.at(-1)!.position);
      expect(await second.waitUntil(await bed.store.latestPosition(), PATIENCE_MS)).toBe(true);

      const all = (await readWholeLog(bed.store)).filter((e) => e.streamId.startsWith('unit-') || e.streamId.startsWith('body-'));
      const after = await readTopic(kafka, topics.units.name, all.length);
      const byKey = idsByKey(after);
      for (const unit of units) {
        const want = all.filter((e) => e.streamId === `unit-${unit}`).map((e) => e.eventId);
        expect(withoutResends(byKey.get(`unit-${unit}`) ?? [])).toEqual(want);
        expect(onlyRestartResends(byKey.get(`unit-${unit}`) ?? [])).toBe(true);
      }
    },
    TIMEOUT_MS,
  );
});
