import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { type Projection, ProjectionRunner } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { readLevelValidity } from '../level-validity-file';
import { DecisionService } from '../decisions/decision-service';
import { ExecuteApprovedProposal, FlagOverdueSteps } from '../commands/execution.commands';
import { approvalScheduleProjection } from './approval-schedule.projection';
import { ApprovalScheduler } from './approval-scheduler';
import { ExecuteApprovedProposalHandler, FlagOverdueStepsHandler } from './execution.handlers';
import { OverdueDetector } from './overdue-detector';
import { ProposalExecutor } from './proposal-executor';

/** The read model the runtime works from: the host's ProjectionsModule must run it. */
export const APPROVAL_RUNTIME_PROJECTIONS = [approvalScheduleProjection];

/** The runtime's read models where it runs inside the api (APPROVAL_RUNTIME=embedded): projected by the api, rebuilt by `cli rebuild`. */
export function embeddedApprovalProjections(config: { approval: { runtime: string } }): Projection[] {
  return config.approval.runtime === 'embedded' ? APPROVAL_RUNTIME_PROJECTIONS : [];
}

@Injectable()
class ApprovalRuntimeLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(ApprovalScheduler) private readonly scheduler: ApprovalScheduler,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  /** A batch committed to the schedule may hold a proposal due today: tick at once (execution within 2 s). */
  onApplicationBootstrap(): void {
    this.unsubscribe = this.runner.onApplied((projection) => {
      if (projection === approvalScheduleProjection.name) this.scheduler.wake();
    });
    this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.scheduler.stop();
  }
}

/**
 * The approval service's process manager: executes approved proposals on their effective date and
 * flags overdue steps, sending ExecuteApprovedProposal and FlagOverdueSteps on the CommandBus. Needs
 * the global EVENT_STORE, AppConfig and CqrsModule, and a ProjectionsModule (global) running
 * APPROVAL_RUNTIME_PROJECTIONS. Runs in the all-in-one api or alone in apps/approval.
 */
@Module({
  providers: [
    { provide: Clock, inject: [AppConfig], useFactory: (config: AppConfig) => Clock.fromConfig(config) },
    {
      provide: ProposalExecutor,
      inject: [EVENT_STORE, Clock, AppConfig],
      useFactory: (store: EventStore, clock: Clock, config: AppConfig) => new ProposalExecutor(store, new DecisionService(store, readLevelValidity(config.register.levelsFile)), clock),
    },
    { provide: OverdueDetector, inject: [EVENT_STORE, Clock], useFactory: (store: EventStore, clock: Clock) => new OverdueDetector(store, clock) },
    {
      provide: ApprovalScheduler,
      inject: [getDataSourceToken(), CommandBus, Clock, AppConfig],
      useFactory: (dataSource: DataSource, bus: CommandBus, clock: Clock, config: AppConfig) =>
        new ApprovalScheduler(
          dataSource,
          { execute: (proposalId) => bus.execute(new ExecuteApprovedProposal(proposalId)) },
          { flag: (proposalId) => bus.execute(new FlagOverdueSteps(proposalId)) },
          clock,
          { intervalMs: config.approval.tickSeconds * 1000, logger: new Logger('ApprovalScheduler') },
        ),
    },
    ExecuteApprovedProposalHandler,
    FlagOverdueStepsHandler,
    ApprovalRuntimeLifecycle,
  ],
  exports: [ApprovalScheduler, Clock],
})
export class ApprovalRuntimeModule {}
