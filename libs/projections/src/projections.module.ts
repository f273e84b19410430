import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { DataSource } from 'typeorm';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
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

@Injectable()
class ProjectionRunnerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(WATCHED) private readonly watched: Projection[],
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runner.start(this.projections, this.watched);
  }

  /** The earliest shutdown hook: the runner stops before the store and the data source close. */
  onModuleDestroy(): Promise<void> {
    return this.runner.stop();
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
