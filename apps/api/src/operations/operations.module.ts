import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { HealthController } from './health.controller';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { eventStoreCheck, READINESS_CHECKS } from '@reorg/http';

/** /health, /health/ready and /metrics: outside /api/v1, no token. */
@Module({
  controllers: [HealthController, MetricsController],
  providers: [
    HttpMetrics,
    { provide: READINESS_CHECKS, useFactory: (store: EventStore) => [eventStoreCheck(store)], inject: [EVENT_STORE] },
  ],
  exports: [HttpMetrics],
})
export class OperationsModule {}
