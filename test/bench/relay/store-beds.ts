/* The two deployments the relay runs in, each with a throwaway event store and read-model database. */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { openReadModelDataSource } from '@reorg/projections';
import { uniqueName } from '@reorg/testing';
import type { DataSource } from 'typeorm';
import type { WriterRequest } from './load-writer-process';
import { type LoadOptions, type LoadResult, runLoad } from './unit-load';

export type StoreKind = 'postgres' | 'sqlite';

export interface StoreBed {
  kind: StoreKind;
  /** How the steady load reaches the store, for the report. */
  deployment: string;
  store: EventStore;
  readModels: DataSource;
  settings: Record<string, string>;
  /** The steady command load, run where the API would run it. */
  steadyLoad(options: LoadOptions): Promise<LoadResult>;
  /**
   * PostgreSQL: age (ms) of the oldest open transaction on the cluster, from any database. The relay
   * reads only below pg_snapshot_xmin, so such a transaction holds back what it can publish.
   */
  oldestOpenTransactionMs?(): Promise<number>;
  close(): Promise<void>;
}

export async function openPostgresBed(connectionString: string): Promise<StoreBed> {
  const schema = uniqueName('bench_relay_es');
  const readSchema = uniqueName('bench_relay_rm');
  const store = await PostgresEventStore.connect({ connectionString, schema });
  const readModels = await openReadModelDataSource({ kind: 'postgres', databaseUrl: connectionString, schema: readSchema }, []);
  const show = async (name: string) => String((await store.connectionPool.query(`SHOW ${name}`)).rows[0][name]);
  const settings = { pg_version: await show('server_version'), pg_synchronous_commit: await show('synchronous_commit'), pg_fsync: await show('fsync') };
  return {
    kind: 'postgres',
    deployment: 'distributed: writers in a child process (as apps/api), relay alone in this process (as apps/relay), woken by polling',
    store,
    readModels,
    settings,
    steadyLoad: (load) => loadInChildProcess({ connectionString, schema, load }),
    oldestOpenTransactionMs: async () => {
      const { rows } = await store.connectionPool.query<{ ms: number | null }>(
        `SELECT (extract(epoch FROM max(now() - xact_start)) * 1000)::float8 AS ms FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)`,
      );
      return Math.round(rows[0]?.ms ?? 0);
    },
    close: async () => {
      await readModels.query(`DROP SCHEMA IF EXISTS "${readSchema}" CASCADE`);
      await readModels.destroy();
      await store.dropSchema();
      await store.close();
    },
  };
}

export async function openSqliteBed(): Promise<StoreBed> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  const readModels = await openReadModelDataSource({ kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') }, []);
  const pragma = (name: string) => String(store.database.pragma(name, { simple: true }));
  return {
    kind: 'sqlite',
    deployment: 'single node: writers and relay in one process (as apps/api with KAFKA_BROKERS), woken by the in-process signal',
    store,
    readModels,
    settings: { sqlite_journal_mode: pragma('journal_mode'), sqlite_synchronous: `${pragma('synchronous')} (2 = FULL)` },
    steadyLoad: (load) => runLoad(store, load),
    close: async () => {
      await readModels.destroy();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function loadInChildProcess({ load: { signal, ...load }, ...request }: WriterRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-writer-process.ts'), [], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
    signal?.addEventListener('abort', () => child.kill(), { once: true });
    let answered = false;
    child.once('message', (answer: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      answered = true;
      if (answer.ok) resolve(answer.result);
      else reject(new Error(`load writer failed: ${answer.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load writer exited ${code} without a result`));
    });
    child.send({ ...request, load });
  });
}
