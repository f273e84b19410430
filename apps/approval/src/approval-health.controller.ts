import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { eventStoreCheck, readinessReport } from '@reorg/http';
import { ProjectionRunner } from '@reorg/projections';
import { ApprovalScheduler } from '@reorg/register/execution';

/** Liveness and readiness of the approval service (no token: this app serves nothing else). */
@Controller('health')
export class ApprovalHealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(ApprovalScheduler) private readonly scheduler: ApprovalScheduler,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers and the schedule projection runs; reports how far behind it is. */
  @Get('ready')
  ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    return readinessReport([
      eventStoreCheck(this.store),
      {
        name: 'schedule',
        failureCode: 'PROJECTIONS_NOT_RUNNING',
        run: async () => {
          if (!this.runner.running) throw new Error('the projection runner is not running');
          return { lag: await this.runner.lag() };
        },
      },
      {
        name: 'scheduler',
        failureCode: 'SCHEDULER_NOT_RUNNING',
        run: async () => {
          const lastTick = this.scheduler.lastTick;
          return lastTick ? { lastTickAt: lastTick.at, today: lastTick.today } : {};
        },
      },
    ]);
  }
}
