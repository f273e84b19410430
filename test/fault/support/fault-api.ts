import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@reorg/config';
import { type EventStore, openEventStore } from '@reorg/event-store';
import { openReadModelDataSource, readCheckpoint } from '@reorg/projections';
import { PATIENCE_MS } from '@reorg/testing';
import { runRebuild } from '../../../apps/cli/src/rebuild/rebuild.command';
import { rebuildTargets } from '../../../apps/cli/src/rebuild/rebuild-targets';
import { ApiProcess } from '../../e2e/execution/api-process';
import { FAULT_DEV_SECRET, FaultClient } from './command-load';
import { track, untrack } from './leftovers';

/** Where the api keeps its log and read models: SQLite files in a temp directory, or a PostgreSQL database. */
export interface FaultStore {
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function sqliteFiles(): Promise<FaultStore> {
  const dir = await mkdtemp(join(tmpdir(), 'fault-sqlite-'));
  await track(basename(dir), { dir });
  return {
    env: { EVENT_STORE: 'sqlite', SQLITE_PATH: join(dir, 'events.sqlite'), DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite') },
    close: async () => {
      await rm(dir, { recursive: true, force: true });
      await untrack(basename(dir));
    },
  };
}

export function postgresDatabase(url: string): FaultStore {
  return { env: { EVENT_STORE: 'postgres', DATABASE_URL: url }, close: async () => undefined };
}

/** The real api as a child process that a test kills and starts again on the same store. */
export class FaultApi {
  readonly client = new FaultClient('');
  private process: ApiProcess | undefined;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  get config(): AppConfig {
    return AppConfig.fromEnv(this.fullEnv);
  }

  get logs(): string {
    return this.process?.logs ?? '';
  }

  /** Errors the running api logged as defects (answered 500), with their stacks. */
  defects(): string[] {
    return this.logs.split('\n').filter((line) => line.includes('unexpected error (a defect)'));
  }

  private get fullEnv(): Record<string, string> {
    return { NODE_ENV: 'test', DEV_TOKEN_SECRET: FAULT_DEV_SECRET, RATE_LIMIT_ENABLED: 'false', ...this.env };
  }

  async start(): Promise<void> {
    this.process = await ApiProcess.start(this.fullEnv);
    await track(`api-${this.name}`, { pid: this.process.pid!, marker: 'apps/api/src/main.ts' });
    this.client.baseUrl = this.process.url;
  }

  /** kill -9. */
  async kill(): Promise<void> {
    await this.process?.kill();
    await untrack(`api-${this.name}`);
  }

  /** The event store, opened beside the api (the caller closes it). */
  openStore(): Promise<EventStore> {
    return openEventStore({ ...this.config.eventStore });
  }

  /** Waits until every projection's checkpoint reached the head of the log. */
  async caughtUp(timeoutMs = PATIENCE_MS): Promise<void> {
    const config = this.config;
    const store = await this.openStore();
    const readModels = await openReadModelDataSource({ ...config.readModels, synchronize: false }, []);
    try {
      const head = await store.latestPosition();
      const names = rebuildTargets(config).map((target) => target.projection.name);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const behind: string[] = [];
        for (const name of names) if ((await readCheckpoint(readModels.manager, name)) < head) behind.push(name);
        if (behind.length === 0) return;
        if (Date.now() > deadline) throw new Error(`read models behind position ${head}: ${behind.join(', ')}`);
        await sleep(200);
      }
    } finally {
      await readModels.destroy();
      await store.close();
    }
  }

  /** Stops the api, rebuilds every read model from the log (as `cli rebuild` does) and starts it again. */
  async rebuildOffline(): Promise<void> {
    await this.kill();
    await runRebuild(this.config, undefined, { line: () => undefined });
    await this.start();
  }
}
