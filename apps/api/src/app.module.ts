import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AuthModule } from '@reorg/auth';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule } from '@reorg/event-store';
import { HttpProblemModule, createRootLogger, pinoLoggerModule } from '@reorg/http';
import { ProjectionsModule, type ProjectionsModuleOptions, storeBindingOf } from '@reorg/projections';
import { EmbeddedApprovalRuntime } from './approval-runtime';
import { ExportModule } from './export';
import { AuditModule } from './audit';
import { CommandEdgeModule } from './command-edge';
import { ApiMessagingModule } from './messaging';
import { OperationsModule } from './operations/operations.module';
import { ProposalsModule } from './proposals';
import { ReadConsistencyModule } from './read-consistency';
import { RegisterModule, domainRefusalMapper } from './register';
import { ReportsModule } from './reports';
import { UnitsModule } from './units';
import { apiReadModels } from './read-models';

/**
 * The api's read models with the embedded approval runtime's. With PROJECTIONS_RUNTIME=off,
 * apps/projector projects them and this process only follows their checkpoints.
 */
function readModelSettings(config: AppConfig): ProjectionsModuleOptions {
  const approval = EmbeddedApprovalRuntime.projections(config);
  const runner = { binding: storeBindingOf(config) };
  if (config.projections.runtime === 'embedded') return { database: config.readModels, projections: [...apiReadModels(config), ...approval], runner };
  return { database: config.readModels, projections: approval, watched: apiReadModels(config), runner };
}

/** The embedded application: every module in one process, built from a validated configuration. */
@Module({})
export class AppModule {
  /** `logger`: the process's pino logger (default: stdout at LOG_LEVEL); create-app logs each request through it. */
  static forRoot(config: AppConfig, logger: Logger = createRootLogger(config.logLevel)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        pinoLoggerModule(logger),
        EventStoreModule.forRoot({ ...config.eventStore }),
        // Global: every module's read models share one data source and one runner.
        { ...ProjectionsModule.forRoot(readModelSettings(config)), global: true },
        HttpProblemModule.forRoot({ mappers: [domainRefusalMapper] }),
        AuthModule.forRoot(config.auth),
        // Controllers send commands and queries on the buses; the edge wraps every write (rate limit, idempotency, read-your-writes).
        CqrsModule.forRoot(),
        CommandEdgeModule.forRoot(config),
        OperationsModule,
        RegisterModule,
        UnitsModule,
        ReportsModule,
        ReadConsistencyModule,
        ExportModule,
        AuditModule,
        ProposalsModule.forRoot(config),
        EmbeddedApprovalRuntime.forRoot(config),
        ApiMessagingModule.forRoot(config),
      ],
    };
  }
}
