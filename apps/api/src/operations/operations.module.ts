import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@reorg/config';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { HealthController } from './health.controller';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { eventStoreCheck, READINESS_CHECKS, type ReadinessCheck } from '@reorg/http';
import { embeddedNotifierCheck, runsEmbeddedNotifier } from '../messaging/embedded-notifier';
import { embeddedRelayCheck } from './embedded-relay-check';
import { RecordedAtRefusalMetric } from './recorded-at-refusal.metric';

/** Which runtimes this process runs and which run elsewhere (the distributed mode's apps). */
function runtimesCheck(config: AppConfig): ReadinessCheck {
  const kafka = config.kafka.brokers.length > 0;
  const where = (embedded: boolean, app: string) => (embedded ? 'embedded' : app);
  return {
    name: 'runtimes',
    failureCode: 'SERVICE_UNAVAILABLE',
    advisory: true,
    run: async () => ({
      projections: where(config.projections.runtime === 'embedded', 'apps/projector'),
      approval: where(config.approval.runtime === 'embedded', 'apps/approval'),
      relay: kafka ? where(config.kafka.relayRuntime === 'embedded', 'apps/relay') : 'none (no KAFKA_BROKERS)',
      notifications: kafka ? where(config.kafka.notifierRuntime === 'embedded', 'apps/notifier') : 'projected from the log (no KAFKA_BROKERS)',
    }),
  };
}

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
        ...(runsEmbeddedNotifier(config) ? [embeddedNotifierCheck(moduleRef)] : []),
        runtimesCheck(config),
      ],
    },
  ],
  exports: [HttpMetrics],
})
export class OperationsModule {}
