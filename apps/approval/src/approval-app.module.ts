import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@reorg/config';
import { serviceFoundation } from '@reorg/http';
import { ProjectionsModule, storeBindingOf } from '@reorg/projections';
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
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: APPROVAL_RUNTIME_PROJECTIONS , runner: { binding: storeBindingOf(config) } }), global: true },
        ApprovalRuntimeModule,
      ],
    };
  }
}
