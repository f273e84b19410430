import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import BetterSqlite3 from 'better-sqlite3';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore, EventStoreModule } from '@reorg/event-store';
import { ProjectionRunner, ProjectionsModule, READ_MODEL_WAL_BACKSTOP_PAGES } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { PATIENCE_MS, waitFor } from '@reorg/testing';
import { newEvents } from '../event-store/support';
import { CountingProjection } from './counting-projection';
import { RecordingLogger } from './projection-test-bed';

describe('ProjectionsModule', () => {
  let dir: string;
  let app: INestApplicationContext | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projections-module-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the projections from application bootstrap until shutdown', async () => {
    const counts = new CountingProjection('module_counts');
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventStoreModule.forRoot({ kind: 'sqlite', sqlitePath: join(dir, 'events.sqlite') }),
        ProjectionsModule.forRoot({
          database: { kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') },
          projections: [counts],
          runner: { logger: new RecordingLogger() },
        }),
      ],
    }).compile();
    app = await moduleRef.init();
    const runner = app.get(ProjectionRunner);
    const store = app.get<EventStore>(EVENT_STORE);
    const dataSource = app.get<DataSource>(getDataSourceToken());
    expect(runner.running).toBe(true);

    const appended = await store.appendToStream('unit-module', 'no_stream', newEvents(3));
    await expect(runner.waitUntil(appended.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    expect(await counts.countsByStream(dataSource.manager)).toEqual({ 'unit-module': 3 });

    await app.close();
    app = undefined;
    expect(runner.running).toBe(false);
  });

  it('checkpoints the SQLite read models from a thread of its own: the event loop\'s commits only at the backstop', async () => {
    const path = join(dir, 'read-models.sqlite');
    const counts = new CountingProjection('module_counts');
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventStoreModule.forRoot({ kind: 'sqlite', sqlitePath: join(dir, 'events.sqlite') }),
        ProjectionsModule.forRoot({ database: { kind: 'sqlite', sqlitePath: path }, projections: [counts], runner: { logger: new RecordingLogger() } }),
      ],
    }).compile();
    app = await moduleRef.init();
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const [{ wal_autocheckpoint: backstop }] = (await dataSource.query('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
    expect(backstop).toBe(READ_MODEL_WAL_BACKSTOP_PAGES);

    const runner = app.get(ProjectionRunner);
    const store = app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 20; i++) {
      const appended = await store.appendToStream(`unit-module-${i}`, 'no_stream', newEvents(2));
      await expect(runner.waitUntil(appended.lastPosition, PATIENCE_MS)).resolves.toBe(true);
    }
    // The projection's commits wrote WAL frames and did not checkpoint them; the thread does, within its interval.
    const probe = new BetterSqlite3(path);
    try {
      await waitFor('the read models\' WAL checkpointed by the thread', () => {
        const [frames] = probe.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
        return frames.log > 0 && frames.checkpointed === frames.log ? frames : undefined;
      });
    } finally {
      probe.close();
    }
    expect(await counts.countsByStream(dataSource.manager)).toMatchObject({ 'unit-module-0': 2, 'unit-module-19': 2 });
  });
});
