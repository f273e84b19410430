import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ModuleRef } from '@nestjs/core';
import type { AppConfig } from '@reorg/config';
import type { ReadinessCheck } from '@reorg/http';
import { NotifierConsumer, createKafka } from '@reorg/messaging';
import type { DataSource } from 'typeorm';

/** Whether this api consumes the internal topic itself: with KAFKA_BROKERS, unless NOTIFIER_RUNTIME=off (apps/notifier does). */
export function runsEmbeddedNotifier(config: AppConfig): boolean {
  return config.kafka.brokers.length > 0 && config.kafka.notifierRuntime === 'embedded';
}

@Injectable()
class EmbeddedNotifierLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifier');

  constructor(@Inject(NotifierConsumer) private readonly consumer: NotifierConsumer) {}

  onApplicationBootstrap(): Promise<void> {
    this.logger.log('notifications come from Kafka through the notifier embedded in this api (NOTIFIER_RUNTIME=embedded)');
    return this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}

/**
 * The notifier's consumer inside the api (the all-in-one process with KAFKA_BROKERS): the internal
 * proposals topic → approver notifications in the read-model database, de-duplicated by its inbox.
 */
export function embeddedNotifierProviders(config: AppConfig): Provider[] {
  return [
    {
      provide: NotifierConsumer,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) =>
        new NotifierConsumer(dataSource, {
          kafka: createKafka({ brokers: config.kafka.brokers, clientId: 'reorg-api-notifier' }),
          topic: config.kafka.proposalsTopic,
          groupId: config.kafka.notifierGroupId,
        }),
    },
    EmbeddedNotifierLifecycle,
  ];
}

/** Advisory like the relay: commands never wait for the broker; the check says what the consumer waits for. */
export function embeddedNotifierCheck(moduleRef: ModuleRef): ReadinessCheck {
  return {
    name: 'notifier',
    failureCode: 'CONSUMER_NOT_CONNECTED',
    advisory: true,
    run: async () => {
      const consumer = moduleRef.get(NotifierConsumer, { strict: false });
      if (!consumer.connected) throw new Error(`the notifier consumer is waiting for ${consumer.waitingFor}`);
      return { applied: consumer.applied, skipped: consumer.skipped };
    },
  };
}
