import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RecordedAtClock } from '@reorg/event-store';
import { Counter } from 'prom-client';
import { HttpMetrics } from './http-metrics';

export const RECORDED_AT_REFUSALS_METRIC = 'event_store_recorded_at_refusals_total';

/** `event_store_recorded_at_refusals_total`: appends refused because the log's last recordedAt leads the clock beyond the allowed skew. */
@Injectable()
export class RecordedAtRefusalMetric implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(HttpMetrics) private readonly metrics: HttpMetrics,
    @Inject(RecordedAtClock) private readonly clock: RecordedAtClock,
  ) {}

  onModuleInit(): void {
    const counter = new Counter({
      name: RECORDED_AT_REFUSALS_METRIC,
      help: "Appends refused because the log's last recordedAt is further ahead of this clock than EVENT_STORE_MAX_CLOCK_SKEW_SECONDS",
      registers: [this.metrics.registry],
    });
    this.unsubscribe = this.clock.onRefusal(() => counter.inc());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
