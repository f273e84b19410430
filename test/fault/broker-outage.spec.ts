import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UNITS_TOPIC, toIntegrationMessage } from '@reorg/messaging';
import { idsByKey, onlyRestartResends, readTopic, readWholeLog, testKafka, withoutResends } from '../integration/messaging/messaging-test-bed';
import { type PrivateBroker, startPrivateBroker } from '../integration/messaging/private-broker';
import { isSuccess, seed, startCommandLoad } from './support/command-load';
import { FaultApi, postgresDatabase } from './support/fault-api';
import { killLeftovers, track, untrack } from './support/leftovers';
import { type PrivatePostgres, freshDatabase, startPrivatePostgres } from './support/private-postgres';

const TIMEOUT_MS = 240_000;

interface RelayReport {
  status: 'up' | 'down';
  code?: string;
  lag?: number;
}

/** GET /health/ready: the api's own readiness, with the embedded relay's advisory report. */
async function readiness(api: FaultApi): Promise<{ httpStatus: number; relay?: RelayReport }> {
  const response = await fetch(`${api.client.baseUrl}/health/ready`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { checks?: { relay?: RelayReport } };
  return { httpStatus: response.status, relay: body.checks?.relay };
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function trackBroker(broker: PrivateBroker): Promise<void> {
  const pid = Number((await readFile(broker.pidFile, 'utf8')).trim());
  await track('broker', { pid, marker: 'kafka.Kafka', dir: dirname(broker.pidFile) });
}

describe('broker killed under command load, through the running api (embedded relay, private broker and PostgreSQL)', () => {
  let broker: PrivateBroker | undefined;
  let cluster: PrivatePostgres | undefined;
  let api: FaultApi | undefined;

  beforeAll(async () => {
    await killLeftovers();
    broker = await startPrivateBroker();
    await trackBroker(broker);
    cluster = await startPrivatePostgres('broker');
    api = new FaultApi('broker', { ...postgresDatabase(await freshDatabase(cluster, 'broker')).env, KAFKA_BROKERS: broker.brokers.join(',') });
    await api.start();
  }, 180_000);

  afterAll(async () => {
    await api?.kill();
    await broker?.stop();
    await untrack('broker');
    await cluster?.destroy();
  });

  it(
    'every command succeeds while the broker is down, the relay reports failing without the api going unready, and afterwards every event is on the topic in order per key',
    async () => {
      const bodyId = await seed(api!.client);
      await until('the relay publishing', async () => (await readiness(api!)).relay?.status === 'up');
      const load = startCommandLoad(api!.client, bodyId, 'B', 4, 20);
      try {
        await load.answered(30);
        await broker!.kill();
        load.phase = 'during';
        await until('the relay reporting failure', async () => (await readiness(api!)).relay?.status === 'down');
        expect(await readiness(api!)).toMatchObject({ httpStatus: 200, relay: { status: 'down', code: 'RELAY_FAILING' } });
        await load.answered(30);
        await broker!.restart();
        await trackBroker(broker!);
        load.phase = 'after';
        await until('the relay publishing again', async () => (await readiness(api!)).relay?.status === 'up');
        await load.answered(30);
      } finally {
        await load.stop();
      }
      expect(load.records.filter((r) => !isSuccess(r)).map((r) => ({ phase: r.phase, status: r.status, answer: r.answer, error: r.error }))).toEqual([]);
      expect(load.records.filter((r) => r.phase === 'during').length).toBeGreaterThanOrEqual(30);
      expect(api!.defects()).toEqual([]);
      await until('the relay at the head of the log', async () => (await readiness(api!)).relay?.lag === 0);

      const store = await api!.openStore();
      const log = await readWholeLog(store).finally(() => store.close());
      const expected = new Map<string, string[]>();
      for (const event of log) {
        if (toIntegrationMessage(event)?.audience !== 'public') continue;
        expected.set(event.streamId, [...(expected.get(event.streamId) ?? []), event.eventId]);
      }
      const published = [...expected.values()].reduce((n, ids) => n + ids.length, 0);
      const byKey = idsByKey(await readTopic(testKafka(broker!.brokers, 'broker-outage-test'), UNITS_TOPIC, published, 90_000));
      const wrong = [...expected].filter(([key, ids]) => {
        const delivered = byKey.get(key) ?? [];
        return JSON.stringify(withoutResends(delivered)) !== JSON.stringify(ids) || !onlyRestartResends(delivered);
      });
      expect(wrong.map(([key, ids]) => ({ key, expected: ids, delivered: byKey.get(key) }))).toEqual([]);
      expect([...byKey.keys()].filter((key) => !expected.has(key))).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
