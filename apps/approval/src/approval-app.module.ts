import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule } from '@reorg/event-store';
import { HttpProblemModule } from '@reorg/http';
import { ProjectionsModule } from '@reorg/projections';
import { APPROVAL_RUNTIME_PROJECTIONS, ApprovalRuntimeModule } from '@reorg/register/execution';
import { ApprovalHealthController } from './approval-health.controller';

/** The approval service alone (distributed mode): executor, scheduler and overdue detection, plus health. */
@Module({})
export class ApprovalAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const store = config.eventStore;
    return {
      module: ApprovalAppModule,
      controllers: [ApprovalHealthController],
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: false } }),
        EventStoreModule.forRoot(store.kind === 'postgres' ? { kind: 'postgres', databaseUrl: store.databaseUrl, schema: store.schema } : { kind: 'sqlite', sqlitePath: store.sqlitePath }),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: APPROVAL_RUNTIME_PROJECTIONS }), global: true },
        HttpProblemModule.forRoot(),
        ApprovalRuntimeModule,
      ],
    };
  }
}
