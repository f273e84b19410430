import type { AppConfig } from '@reorg/config';
import { messagingProjections } from '@reorg/messaging';
import type { Projection } from '@reorg/projections';
import { REGISTER_READ_MODELS } from '@reorg/read-models/catalogue';

/** The read models the api queries; projected in the api itself or, with PROJECTIONS_RUNTIME=off, by apps/projector. */
export function apiReadModels(config: AppConfig): Projection[] {
  return [...REGISTER_READ_MODELS, ...messagingProjections(config.kafka.brokers)];
}
