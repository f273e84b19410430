import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore, EventStoreModule } from '@reorg/event-store';
import { ProjectionRunner, ProjectionsModule } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { PATIENCE_MS } from '@reorg/testing';
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
});
