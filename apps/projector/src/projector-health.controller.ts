import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { eventStoreCheck, readinessReport } from '@reorg/http';
import { ProjectionRunner } from '@reorg/projections';

/** Liveness and readiness of the projector (no token: this app serves nothing else). */
@Controller('health')
export class ProjectorHealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers and the runner runs; reports each read model's position and lag. */
  @Get('ready')
  ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    return readinessReport([
      eventStoreCheck(this.store),
      {
        name: 'projections',
        failureCode: 'PROJECTIONS_NOT_RUNNING',
        run: async () => {
          if (!this.runner.running) throw new Error('the projection runner is not running');
          return { lag: await this.runner.lag() };
        },
      },
    ]);
  }
}
