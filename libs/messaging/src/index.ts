export * from './cloud-event';
export * from './topics';
export * from './integration-events';
export * from './kafka-client';
export { RelayCheckpoint } from './relay-checkpoint';
export { Relay, type RelayOptions, type RelayLogger } from './relay';
export { RelayModule, type RelayModuleOptions } from './relay.module';
export type { BackoffPolicy } from './backoff';
export * from './notifications';
