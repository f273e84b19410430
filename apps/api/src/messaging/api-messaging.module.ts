import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AppConfig } from '@reorg/config';
import { NotificationQueries, RelayModule, notificationTablesOnly, notificationsProjection } from '@reorg/messaging';
import type { Projection } from '@reorg/projections';
import type { DataSource } from 'typeorm';
import { NotificationsController } from './notifications.controller';

/**
 * With KAFKA_BROKERS the relay runs inside this process and the notifier service fills the
 * notification tables from Kafka; without, the notifications are projected in-process from the log.
 */
export function messagingProjections(config: AppConfig): Projection[] {
  return config.kafka.brokers.length > 0 ? [notificationTablesOnly] : [notificationsProjection];
}

/** Notifications (GET /api/v1/notifications) and, with KAFKA_BROKERS, the embedded relay. Needs the global ProjectionsModule. */
@Module({})
export class ApiMessagingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiMessagingModule,
      imports: config.kafka.brokers.length > 0 ? [RelayModule.forRoot({ brokers: config.kafka.brokers })] : [],
      controllers: [NotificationsController],
      providers: [{ provide: NotificationQueries, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new NotificationQueries(dataSource) }],
    };
  }
}
