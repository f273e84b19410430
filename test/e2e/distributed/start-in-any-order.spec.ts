import { createKafka } from '@reorg/messaging';
import { createThrowawayDatabase, requireKafka, requirePostgres, uniqueName } from '@reorg/testing';
import { logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { ApiProcess } from '../execution/api-process';
import { type AppName, distributedEnv, logsOf, spawnApp, spawnTogether } from './five-apps';

const READY_TIMEOUT_MS = 150_000;

type ReadinessBody = { code?: string; errors?: { path: string; code: string; detail: string }[] };

async function readiness(app: ApiProcess): Promise<{ status: number; body: ReadinessBody }> {
  try {
    const response = await fetch(`${app.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as ReadinessBody };
  } catch {
    return { status: 0, body: {} };
  }
}

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * README: the five apps of the distributed mode may start in any order or together. Each waits for
 * what it needs — the database, the schema (created by whoever comes first), the broker and the
 * internal topic (created by the relay) — and reports on /health/ready until it is there; none exits.
 */
describe('distributed mode: the five apps start together in any order', () => {
  const running: ApiProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  afterAll(async () => {
    await Promise.all(running.map((app) => app.kill()));
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }, 120_000);

  async function allReady(apps: Map<AppName, ApiProcess>, order: AppName[]): Promise<void> {
    const outcomes = await Promise.allSettled([...apps.values()].map((app) => app.ready(READY_TIMEOUT_MS)));
    const failed = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [[...apps.keys()][index]] : []));
    if (failed.length > 0) throw new Error(`started in the order ${order.join(', ')}; not ready: ${failed.join(', ')}\n${logsOf(apps)}`);
    for (const [name, app] of apps) expect({ name, ready: (await readiness(app)).status }).toEqual({ name, ready: 200 });
    // Five processes per round: stop them before the next round starts.
    await Promise.all([...apps.values()].map((app) => app.kill()));
  }

  it(
    'before their database exists: each answers 503 naming the database on /health/ready, then all become ready once it is created',
    async () => {
      const adminUrl = requirePostgres();
      const name = uniqueName('t_any_order_db');
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const { order, apps } = await spawnTogether(distributedEnv({ url: url.toString(), schema: uniqueName('reorg') }), 1_500);
      running.push(...apps.values());
      cleanups.push(() => dropDatabase(adminUrl, name));

      for (const [appName, app] of apps) {
        await eventually(
          `${appName} reporting the missing database on /health/ready`,
          async () => {
            const { status, body } = await readiness(app);
            return status === 503 && (body.errors ?? []).some((error) => error.path === 'database' && error.code === 'DATABASE_UNAVAILABLE');
          },
          READY_TIMEOUT_MS,
        ).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${logsOf(apps)}`)));
      }
      await new Client({ connectionString: adminUrl }).connect().then(async (client) => {
        await client.query(`CREATE DATABASE "${name}"`);
        await client.end();
      });
      await allReady(apps, order);
    },
    READY_TIMEOUT_MS * 2,
  );

  it(
    'a notifier started long before the relay waits for its topic (reporting it) instead of exiting or creating it with broker defaults',
    async () => {
      const database = await createThrowawayDatabase('notifier_first');
      cleanups.push(() => database.drop());
      const env = distributedEnv({ url: database.connectionString, schema: uniqueName('reorg') });
      const notifier = await spawnApp('notifier', env);
      running.push(notifier);
      const apps = new Map<string, ApiProcess>([['notifier', notifier]]);
      await eventually(
        'the notifier naming its missing topic on /health/ready',
        async () => {
          const { status, body } = await readiness(notifier);
          return status === 503 && (body.errors ?? []).some((error) => error.code === 'CONSUMER_NOT_CONNECTED' && error.detail.includes(env.KAFKA_PROPOSALS_TOPIC));
        },
        READY_TIMEOUT_MS,
      ).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${logsOf(apps)}`)));
      // Still waiting a few back-off rounds later, and the topic was not created behind the relay's back.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await readiness(notifier)).status).toBe(503);
      expect(await partitionsOf(env.KAFKA_PROPOSALS_TOPIC)).toBe(0);

      const relay = await spawnApp('relay', env);
      running.push(relay);
      apps.set('relay', relay);
      await Promise.all([relay.ready(READY_TIMEOUT_MS), notifier.ready(READY_TIMEOUT_MS)]).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${logsOf(apps)}`)));
      expect(await partitionsOf(env.KAFKA_PROPOSALS_TOPIC)).toBe(Number(env.KAFKA_TOPIC_PARTITIONS));
      await Promise.all([relay.kill(), notifier.kill()]);
    },
    READY_TIMEOUT_MS * 2,
  );

  it.each([1, 2])(
    'round %i: on a fresh schema and a proposals topic that does not exist yet, started together in a random order, each becomes ready',
    async () => {
      const database = await createThrowawayDatabase('any_order');
      cleanups.push(() => database.drop());
      const { order, apps } = await spawnTogether(distributedEnv({ url: database.connectionString, schema: uniqueName('reorg') }), 800);
      running.push(...apps.values());
      await allReady(apps, order);
    },
    READY_TIMEOUT_MS + 30_000,
  );
});

async function partitionsOf(topic: string): Promise<number> {
  const admin = createKafka({ brokers: requireKafka(), clientId: 'any-order-e2e', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    // Metadata of a missing topic would ask the broker to create it.
    if (!(await admin.listTopics()).includes(topic)) return 0;
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    return metadata.topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
