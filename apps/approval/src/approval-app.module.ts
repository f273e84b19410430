import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@reorg/config';
import { serviceFoundation } from '@reorg/http';
import { ProjectionsModule } from '@reorg/projections';
import { APPROVAL_RUNTIME_PROJECTIONS, ApprovalRuntimeModule } from '@reorg/register/execution';
import { ApprovalHealthController } from './approval-health.controller';

/** The approval service alone (distributed mode): executor, scheduler and overdue detection, plus health. */
@Module({})
export class ApprovalAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApprovalAppModule,
      controllers: [ApprovalHealthController],
      imports: [
        ...serviceFoundation(config),
        CqrsModule.forRoot(),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: APPROVAL_RUNTIME_PROJECTIONS }), global: true },
        ApprovalRuntimeModule,
      ],
    };
  }
}
