import { answersVia } from './support/answers';
import { type CommandRecord, isSuccess, resend, seed, startCommandLoad } from './support/command-load';
import { FaultApi, type FaultStore, postgresDatabase, sqliteFiles } from './support/fault-api';
import { killLeftovers } from './support/leftovers';
import { eventsOf, logFacts, shapesByKind } from './support/log-checks';
import { type PrivatePostgres, freshDatabase, startPrivatePostgres } from './support/private-postgres';

const TIMEOUT_MS = 240_000;

describe('kill -9 of the api under write load, restarted on the same data', () => {
  let cluster: PrivatePostgres | undefined;
  let api: FaultApi | undefined;
  let store: FaultStore | undefined;

  beforeAll(async () => {
    await killLeftovers();
    cluster = await startPrivatePostgres('kill');
  });

  afterEach(async () => {
    await api?.kill();
    await store?.close();
    api = store = undefined;
  });

  afterAll(async () => {
    await cluster?.destroy();
  });

  it.each([
    ['PostgreSQL (private cluster)', 'postgres'],
    ['embedded SQLite (files)', 'sqlite'],
  ])(
    'on %s: every 2xx command is in the log once, retries of lost answers append nothing, chains verify, read models equal a rebuild',
    async (_label, kind) => {
      store = kind === 'postgres' ? postgresDatabase(await freshDatabase(cluster!, 'kill')) : await sqliteFiles();
      api = new FaultApi(`kill-${kind}`, store.env);
      await api.start();
      const bodyId = await seed(api.client);

      const load = startCommandLoad(api.client, bodyId, `K${kind[0]}`, 4);
      try {
        await load.answered(60);
        await api.kill();
      } finally {
        await load.stop();
      }
      const first = load.records;
      const answered = first.filter((r) => r.status !== undefined);
      expect(answered.filter((r) => !isSuccess(r))).toEqual([]);
      expect(first.filter((r) => r.hung)).toEqual([]);
      const lost = first.filter((r) => r.status === undefined);
      expect(lost.length).toBeGreaterThan(0);

      await api.start();
      // Every command again with its key: an answered one is replayed as it was; a lost one runs or is replayed.
      const retried: CommandRecord[] = [];
      for (const record of first) retried.push(await resend(api.client, record));
      const notCreated = retried.flatMap((r, i) => (r.status === 201 ? [] : [{ kind: r.kind, status: r.status, answer: r.answer, first: first[i].status ?? first[i].error }]));
      expect(notCreated).toEqual([]);
      retried.forEach((again, i) => {
        if (isSuccess(first[i])) expect({ replayed: again.replayed, answer: again.answer }).toEqual({ replayed: true, answer: first[i].answer });
      });
      for (const again of retried) expect((await api.client.issue(again)).answer).toEqual(again.answer);
      expect(api.defects()).toEqual([]);

      const eventStore = await api.openStore();
      const facts = await logFacts(eventStore).finally(() => eventStore.close());
      expect(facts.chainFailures).toEqual([]);
      expect(facts.chainsOk).toBe(true);
      expect(facts.duplicateEventIds).toEqual([]);
      expect(retried.filter((r) => eventsOf(facts, r).length === 0).map((r) => r.key)).toEqual([]);
      // One shape per kind of command: a second append under one key would show as a doubled shape.
      expect(shapesByKind(facts, retried)).toEqual({
        'governing-body': ['GoverningBodyCodeReserved+GoverningBodyRegistered'],
        'unit-import': ['UnitCodeReserved+UnitRegistered'],
        decision: ['UnitCodeReserved+UnitEstablished+DecisionRecorded'],
      });
      expect(retried.filter((r) => facts.registrations.get(r.code) !== 1).map((r) => r.code)).toEqual([]);

      await api.caughtUp();
      const live = await answersVia(api.client, retried);
      await api.rebuildOffline();
      expect(await answersVia(api.client, retried)).toEqual(live);
    },
    TIMEOUT_MS,
  );
});
