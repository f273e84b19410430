import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@reorg/auth';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule, type EventStoreOptions } from '@reorg/event-store';
import { HttpProblemModule } from '@reorg/http';
import { ProjectionsModule } from '@reorg/projections';
import { EmbeddedApprovalRuntime } from './approval-runtime';
import { IdempotencyModule } from './idempotency';
import { ApiMessagingModule, messagingProjections } from './messaging';
import { OperationsModule } from './operations/operations.module';
import { PROPOSAL_PROJECTIONS, ProposalsModule } from './proposals';
import { RateLimitModule } from './rate-limit';
import { REGISTER_PROJECTIONS, RegisterModule, domainRefusalMapper } from './register';
import { REPORT_PROJECTIONS, ReportsModule } from './reports';
import { UNIT_PROJECTIONS, UnitsModule } from './units';
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
        // Global: every module's read models share one data source and one runner.
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: [...REGISTER_PROJECTIONS, ...UNIT_PROJECTIONS, ...REPORT_PROJECTIONS, ...PROPOSAL_PROJECTIONS, ...EmbeddedApprovalRuntime.projections(config), ...messagingProjections(config)] }), global: true },
        HttpProblemModule.forRoot({ mappers: [domainRefusalMapper] }),
        AuthModule.forRoot(config.auth),
        RateLimitModule.forRoot(config.rateLimit),
        IdempotencyModule.forRoot(config.readModels),
        OperationsModule,
        RegisterModule,
        UnitsModule,
        ReportsModule,
        ProposalsModule.forRoot(config),
        EmbeddedApprovalRuntime.forRoot(config),
        ApiMessagingModule.forRoot(config),
      ],
    };
  }
}
