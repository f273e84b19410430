import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { DataSource } from 'typeorm';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import { WalCheckpointer } from './wal-checkpointer';
import {
  initializeReadModelDataSource,
  projectionEntities,
  readModelDataSourceOptions,
  type ReadModelDatabaseOptions,
} from './read-model-database';

export interface ProjectionsModuleOptions {
  database: ReadModelDatabaseOptions;
  projections: Projection[];
  runner?: ProjectionRunnerOptions;
  /** Read models projected by another process: their tables are registered and their checkpoints followed. */
  watched?: Projection[];
}

const PROJECTIONS = Symbol('PROJECTIONS');
const WATCHED = Symbol('WATCHED_PROJECTIONS');

/**
 * SQLite read models: this process's commits never checkpoint the WAL themselves below this many pages
 * (a backstop); a thread of their own checkpoints it (PASSIVE) every second, so a COMMIT on the event loop
 * never waits for a checkpoint's fsyncs (docs/performance/edge.md: 30–80 ms stalls otherwise).
 */
export const READ_MODEL_WAL_BACKSTOP_PAGES = 10_000;
const READ_MODEL_CHECKPOINT_INTERVAL_MS = 1_000;

@Injectable()
class ProjectionRunnerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private checkpointer?: WalCheckpointer;

  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(WATCHED) private readonly watched: Projection[],
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    this.startCheckpointer();
    return this.runner.start(this.projections, this.watched);
  }

  /** The earliest shutdown hook: the runner stops before the store and the data source close. */
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
    await this.checkpointer?.close();
  }

  private startCheckpointer(): void {
    const options = this.dataSource.options;
    if (options.type !== 'better-sqlite3' || options.readonly || typeof options.database !== 'string') return;
    const connection = (this.dataSource.driver as unknown as { databaseConnection?: { pragma(sql: string): unknown } }).databaseConnection;
    if (!connection) return;
    connection.pragma(`wal_autocheckpoint = ${READ_MODEL_WAL_BACKSTOP_PAGES}`);
    this.checkpointer = new WalCheckpointer(options.database, READ_MODEL_CHECKPOINT_INTERVAL_MS);
  }
}

/**
 * Read-model database (TypeORM, default data source: inject repositories with @InjectRepository)
 * and the projection runner, started on bootstrap. Needs the global EVENT_STORE provider.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const entities = projectionEntities([...options.projections, ...(options.watched ?? [])]);
    return {
      module: ProjectionsModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => readModelDataSourceOptions(options.database, entities),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('read models: no data source options');
            return initializeReadModelDataSource(new DataSource(dataSourceOptions), options.database);
          },
        }),
      ],
      providers: [
        { provide: PROJECTIONS, useValue: options.projections },
        { provide: WATCHED, useValue: options.watched ?? [] },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, getDataSourceToken()],
          useFactory: (store: EventStore, dataSource: DataSource) => new ProjectionRunner(store, dataSource, options.runner),
        },
        ProjectionRunnerLifecycle,
      ],
      exports: [ProjectionRunner, TypeOrmModule],
    };
  }
}
