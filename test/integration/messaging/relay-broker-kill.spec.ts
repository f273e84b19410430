import { setTimeout as sleep } from 'node:timers/promises';
import { Relay } from '@reorg/messaging';
import { PATIENCE_MS, waitFor } from '@reorg/testing';
import type { Kafka } from 'kafkajs';
import { type StoreBed, idsByKey, onlyRestartResends, openStoreBed, readTopic, testKafka, uniqueTopics, unitRenamed, withoutResends, readWholeLog } from './messaging-test-bed';
import { type PrivateBroker, startPrivateBroker } from './private-broker';

const TIMEOUT_MS = 240_000;
const UNITS = Array.from({ length: 12 }, (_, i) => `k${i + 1}`);
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Appends renames round-robin over the units until stopped; counts appends that failed. */
function commandLoad(bed: StoreBed) {
  const state = { appended: 0, failed: 0, stopped: false };
  const writers = UNITS.map(async (unitId) => {
    while (!state.stopped) {
      try {
        await bed.store.appendToStream(`unit-${unitId}`, 'any', [unitRenamed(unitId, `Unit ${unitId} ${state.appended}`)]);
        state.appended += 1;
      } catch {
        state.failed += 1;
      }
      // A steady load rather than a flood: the point is commands during the outage.
      await sleep(5);
    }
  });
  return { state, stop: async () => ((state.stopped = true), await Promise.all(writers)) };
}

describe('Relay when the broker is killed mid-batch under command load (private broker)', () => {
  let broker: PrivateBroker | undefined;
  let bed: StoreBed;
  let kafka: Kafka;
  let relay: Relay | undefined;
  // Stopped in afterAll too: a failed assertion must not leave the writers looping (jest would never exit).
  let load: ReturnType<typeof commandLoad> | undefined;

  beforeAll(async () => {
    bed = await openStoreBed('relaykill');
    broker = await startPrivateBroker();
    kafka = testKafka(broker.brokers, 'relay-kill-test');
  });

  afterAll(async () => {
    await load?.stop();
    await relay?.stop();
    await broker?.stop();
    await bed?.close();
  });

  it(
    'never fails a command, and afterwards every key has its complete sequence in order (re-sends only)',
    async () => {
      const topics = uniqueTopics('kill', 4);
      relay = new Relay(bed.store, bed.readModels, { kafka, topics, batchSize: 200, backoff: { initialDelayMs: 100, maxDelayMs: 1_000 }, logger: quiet });
      await relay.start();
      load = commandLoad(bed);

      while (relay.publishedCount < 300) await sleep(10);
      await broker!.kill();
      const publishedAtKill = relay.publishedCount;
      // kafkajs retries a send for a few seconds before giving up; on a loaded machine longer.
      const failingBy = Date.now() + PATIENCE_MS;
      while (!relay.failing && Date.now() < failingBy) await sleep(50);
      expect(relay.failing).toBe(true);
      const appendedWhileDown = load.state.appended;
      const running = load;
      await waitFor('an append while the broker is down', () => running.state.appended > appendedWhileDown).catch(() => undefined);
      expect(load.state.appended).toBeGreaterThan(appendedWhileDown);
      await broker!.restart();

      while (relay.publishedCount < publishedAtKill + 300 || relay.failing) await sleep(20);
      await load.stop();
      expect(load.state.failed).toBe(0);
      const head = await bed.store.latestPosition();
      expect(await relay.waitUntil(head, 90_000)).toBe(true);

      const log = await readWholeLog(bed.store);
      const records = await readTopic(kafka, topics.units.name, log.length, 90_000);
      const byKey = idsByKey(records);
      for (const unitId of UNITS) {
        const expected = log.filter((e) => e.streamId === `unit-${unitId}`).map((e) => e.eventId);
        const delivered = byKey.get(`unit-${unitId}`) ?? [];
        expect(withoutResends(delivered)).toEqual(expected);
        expect(onlyRestartResends(delivered)).toBe(true);
      }
      expect(log.length).toBe(load.state.appended);
    },
    TIMEOUT_MS,
  );
});
