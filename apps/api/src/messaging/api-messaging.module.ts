import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AppConfig } from '@reorg/config';
import { NotificationQueries, RelayModule, defaultTopics } from '@reorg/messaging';
import type { DataSource } from 'typeorm';
import { embeddedNotifierProviders, runsEmbeddedNotifier } from './embedded-notifier';
import { NotificationsController } from './notifications.controller';
import { ListNotificationsHandler } from './notifications.queries';

/**
 * Notifications (GET /api/v1/notifications) and, with KAFKA_BROKERS, the embedded relay and notifier (unless
 * RELAY_RUNTIME / NOTIFIER_RUNTIME=off, when apps/relay and apps/notifier run). Needs the global ProjectionsModule.
 */
@Module({})
export class ApiMessagingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiMessagingModule,
      imports: config.kafka.brokers.length > 0 && config.kafka.relayRuntime === 'embedded' ? [RelayModule.forRoot({ brokers: config.kafka.brokers, topics: defaultTopics({ ...config.kafka.topics, proposalsTopic: config.kafka.proposalsTopic }) })] : [],
      controllers: [NotificationsController],
      providers: [
        { provide: NotificationQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new NotificationQueries(dataSource) },
        ListNotificationsHandler,
        ...(runsEmbeddedNotifier(config) ? embeddedNotifierProviders(config) : []),
      ],
    };
  }
}
