import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '@reorg/projections';
import { Gauge } from 'prom-client';
import { HttpMetrics } from '../operations/http-metrics';

export const PROJECTION_LAG_METRIC = 'projection_lag_events';

/** `projection_lag_events{projection}`: events in the log not yet folded into each read model, measured at scrape time. */
@Injectable()
export class ProjectionLagMetric implements OnModuleInit {
  constructor(
    @Inject(HttpMetrics) private readonly metrics: HttpMetrics,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  onModuleInit(): void {
    if (this.metrics.registry.getSingleMetric(PROJECTION_LAG_METRIC)) return;
    const runner = this.runner;
    new Gauge({
      name: PROJECTION_LAG_METRIC,
      help: 'Events in the global log after the projection checkpoint',
      labelNames: ['projection'] as const,
      registers: [this.metrics.registry],
      async collect() {
        for (const lag of await runner.lag()) this.set({ projection: lag.projection }, lag.lag);
      },
    });
  }
}
