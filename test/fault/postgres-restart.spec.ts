import { setTimeout as sleep } from 'node:timers/promises';
import { type CommandRecord, isSuccess, resend, seed, startCommandLoad } from './support/command-load';
import { FaultApi, postgresDatabase } from './support/fault-api';
import { killLeftovers } from './support/leftovers';
import { eventsOf, logFacts } from './support/log-checks';
import { type PrivatePostgres, freshDatabase, startPrivatePostgres } from './support/private-postgres';
import { answersVia } from './support/answers';

const TIMEOUT_MS = 180_000;
const RECOVERY_MS = 30_000;

/** Polls /health/ready until it answers 200; returns how long that took. */
async function readyAgain(api: FaultApi, timeoutMs = RECOVERY_MS): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ready = await fetch(`${api.client.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (ready?.status === 200) return Date.now() - started;
    await sleep(200);
  }
  throw new Error(`the api was not ready again within ${timeoutMs} ms`);
}

/** What a client may see while the database is away: the 503 problem with Retry-After, never a 500 nor a hang. */
function unexpectedAnswers(records: CommandRecord[]) {
  return records
    .filter((r) => !isSuccess(r))
    .filter((r) => !(r.status === 503 && r.answer?.code === 'SERVICE_UNAVAILABLE' && r.contentType?.startsWith('application/problem+json') && r.retryAfter))
    .map((r) => ({ phase: r.phase, status: r.status, answer: r.answer, error: r.error, hung: r.hung }));
}

describe('PostgreSQL restarted under write load: the api recovers by itself', () => {
  let cluster: PrivatePostgres | undefined;
  let api: FaultApi | undefined;
  let bodyId: string;
  const all: CommandRecord[] = [];

  beforeAll(async () => {
    await killLeftovers();
    cluster = await startPrivatePostgres('restart');
    api = new FaultApi('pg-restart', postgresDatabase(await freshDatabase(cluster, 'restart')).env);
    await api.start();
    bodyId = await seed(api.client);
  });

  afterAll(async () => {
    await api?.kill();
    await cluster?.destroy();
  });

  it.each([
    ['pg_ctl restart -m fast', 'restart'],
    ['kill -9 of the postmaster, then crash recovery', 'crash'],
  ])(
    '%s: no 500 and no hanging request, ready again and taking commands, every 2xx command in the log once',
    async (_label, fault) => {
      const load = startCommandLoad(api!.client, bodyId, `R${fault[0]}`, 4);
      let recoveredInMs: number;
      try {
        await load.answered(40);
        load.phase = 'during';
        if (fault === 'restart') {
          await cluster!.restart();
        } else {
          await cluster!.kill();
          await sleep(1_000);
          await cluster!.start();
        }
        load.phase = 'after';
        recoveredInMs = await readyAgain(api!);
        await load.answered(40);
      } finally {
        await load.stop();
      }
      const records = load.records;
      all.push(...records);
      expect(api!.defects()).toEqual([]);
      expect(unexpectedAnswers(records)).toEqual([]);
      expect(records.filter((r) => r.phase === 'after' && isSuccess(r)).length).toBeGreaterThan(0);
      // A second without a postmaster cannot go unnoticed: the outage was answered, as 503s.
      if (fault === 'crash') expect(records.filter((r) => r.status === 503).length).toBeGreaterThan(0);
      expect(recoveredInMs).toBeLessThan(RECOVERY_MS);

      // A refused command changed nothing, or (committed before its answer failed) is replayed: sent again, it is created once.
      for (const [i, record] of records.entries()) if (!isSuccess(record)) records[i] = await resend(api!.client, record);
      expect(records.filter((r) => r.status !== 201).map((r) => ({ status: r.status, answer: r.answer }))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it('afterwards every command is in the log exactly once, chains verify, and the read models caught up and equal a rebuild', async () => {
    const eventStore = await api!.openStore();
    const facts = await logFacts(eventStore).finally(() => eventStore.close());
    expect(facts.chainFailures).toEqual([]);
    expect(facts.chainsOk).toBe(true);
    expect(facts.duplicateEventIds).toEqual([]);
    expect(all.filter((r) => eventsOf(facts, r).length === 0).map((r) => r.key)).toEqual([]);
    expect(all.filter((r) => facts.registrations.get(r.code) !== 1).map((r) => r.code)).toEqual([]);

    // The projection runner resumed on its own: the read models reach the head without a restart.
    await api!.caughtUp();
    const live = await answersVia(api!.client, all);
    await api!.rebuildOffline();
    expect(await answersVia(api!.client, all)).toEqual(live);
  }, TIMEOUT_MS);
});
