import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { HealthController } from './health.controller';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { eventStoreCheck, READINESS_CHECKS } from '@reorg/http';
import { embeddedRelayCheck } from './embedded-relay-check';
import { RecordedAtRefusalMetric } from './recorded-at-refusal.metric';

/** /health, /health/ready and /metrics: outside /api/v1, no token. */
@Module({
  controllers: [HealthController, MetricsController],
  providers: [
    HttpMetrics,
    RecordedAtRefusalMetric,
    {
      provide: READINESS_CHECKS,
      inject: [EVENT_STORE, AppConfig, ModuleRef],
      useFactory: (store: EventStore, config: AppConfig, moduleRef: ModuleRef) => [
        eventStoreCheck(store),
        ...(config.kafka.brokers.length > 0 && config.kafka.relayRuntime === 'embedded' ? [embeddedRelayCheck(moduleRef, store)] : []),
      ],
    },
  ],
  exports: [HttpMetrics],
})
export class OperationsModule {}
