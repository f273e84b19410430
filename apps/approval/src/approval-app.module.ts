import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { BackOfficeHealthController, eventStoreCheck, projectionRunnerCheck, readinessChecks, serviceFoundation } from '@reorg/http';
import { ProjectionRunner, ProjectionsModule, storeBindingOf } from '@reorg/projections';
import { APPROVAL_RUNTIME_PROJECTIONS, ApprovalRuntimeModule, ApprovalScheduler } from '@reorg/register/execution';

/** The approval service alone (distributed mode): executor, scheduler and overdue detection, plus health. */
@Module({})
export class ApprovalAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApprovalAppModule,
      controllers: [BackOfficeHealthController],
      imports: [
        ...serviceFoundation(config),
        CqrsModule.forRoot(),
        { ...ProjectionsModule.forRoot({ database: config.readModels, projections: APPROVAL_RUNTIME_PROJECTIONS, runner: { binding: storeBindingOf(config) } }), global: true },
        ApprovalRuntimeModule,
      ],
      // Ready when the event store answers and the schedule projection runs; reports its lag and the scheduler's last tick.
      providers: [
        readinessChecks([EVENT_STORE, ProjectionRunner, ApprovalScheduler], (store: EventStore, runner: ProjectionRunner, scheduler: ApprovalScheduler) => [
          eventStoreCheck(store),
          projectionRunnerCheck('schedule', runner),
          {
            name: 'scheduler',
            failureCode: 'SCHEDULER_NOT_RUNNING',
            run: async () => (scheduler.lastTick ? { lastTickAt: scheduler.lastTick.at, today: scheduler.lastTick.today } : {}),
          },
        ]),
      ],
    };
  }
}
