export * from './notification.entities';
export * from './notifications-updater';
export * from './notifications.projection';
export * from './notification.queries';
export * from './notifier-consumer';
export { firstDelivery } from './inbox';
