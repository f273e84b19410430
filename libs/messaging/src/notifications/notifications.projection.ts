import type { Projection } from '@reorg/projections';
import { NOTIFICATION_ENTITIES, NotificationRow, NotificationStepRow } from './notification.entities';
import { NOTIFICATION_EVENT_TYPES, applyProposalMessage } from './notifications-updater';

/** Embedded mode: the same notifications fed in-process from the log (the checkpoint de-duplicates). */
export const notificationsProjection: Projection = {
  name: 'notifications',
  handles: NOTIFICATION_EVENT_TYPES,
  entities: [NotificationRow, NotificationStepRow],
  apply: (event, tx) => applyProposalMessage({ eventId: event.eventId, type: event.type, data: event.data, time: event.metadata.recordedAt }, tx),
};

/**
 * Distributed mode: the notifier fills the tables (and its inbox) from Kafka; the api and the
 * notifier only need them in their read-model data source, so this projection handles no event.
 */
export const notificationTablesOnly: Projection = {
  name: 'notification-tables',
  handles: [],
  entities: NOTIFICATION_ENTITIES,
  apply: async () => undefined,
};

/** With a broker the notifier fills the notification tables from Kafka (the api only creates them); without, they are projected from the log. */
export function messagingProjections(kafkaBrokers: readonly string[]): Projection[] {
  return kafkaBrokers.length > 0 ? [notificationTablesOnly] : [notificationsProjection];
}
