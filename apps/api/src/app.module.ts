import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@reorg/auth';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule, type EventStoreOptions } from '@reorg/event-store';
import { HttpProblemModule } from '@reorg/http';
import { OperationsModule } from './operations/operations.module';
import { loggerParams } from './setup/logger';

function eventStoreOptions(config: AppConfig): EventStoreOptions {
  const store = config.eventStore;
  return store.kind === 'postgres'
    ? { kind: 'postgres', databaseUrl: store.databaseUrl, schema: store.schema }
    : { kind: 'sqlite', sqlitePath: store.sqlitePath };
}

/** The embedded application: every module in one process, built from a validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        EventStoreModule.forRoot(eventStoreOptions(config)),
        HttpProblemModule.forRoot(),
        AuthModule.forRoot(config.auth),
        OperationsModule,
      ],
    };
  }
}
