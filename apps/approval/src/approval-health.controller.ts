import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { ProblemException } from '@reorg/http';
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
  async ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    let headPosition: number;
    try {
      headPosition = await this.store.headPosition();
    } catch (error) {
      throw new ProblemException({
        code: 'SERVICE_UNAVAILABLE',
        detail: { vi: 'Kho sự kiện không phản hồi.', en: 'The event store is not answering.' },
        errors: [{ path: 'eventStore', code: 'EVENT_STORE_UNAVAILABLE', detail: error instanceof Error ? error.message : String(error) }],
      });
    }
    if (!this.runner.running) {
      throw new ProblemException({ code: 'SERVICE_UNAVAILABLE', detail: { vi: 'Bộ chiếu sự kiện chưa chạy.', en: 'The projection runner is not running.' } });
    }
    const lastTick = this.scheduler.lastTick;
    return {
      status: 'ok',
      checks: {
        eventStore: { status: 'up', headPosition },
        schedule: { status: 'up', lag: await this.runner.lag() },
        scheduler: { status: 'up', ...(lastTick ? { lastTickAt: lastTick.at, today: lastTick.today } : {}) },
      },
    };
  }
}
