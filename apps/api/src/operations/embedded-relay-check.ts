import type { ModuleRef } from '@nestjs/core';
import type { EventStore } from '@reorg/event-store';
import type { ReadinessCheck } from '@reorg/http';
import { Relay } from '@reorg/messaging';

/**
 * The embedded relay in the api's readiness: advisory, because commands never wait for the broker,
 * so a broker outage shows (status down, RELAY_FAILING) without taking the api out of service.
 */
export function embeddedRelayCheck(moduleRef: ModuleRef, store: EventStore): ReadinessCheck {
  return {
    name: 'relay',
    failureCode: 'RELAY_FAILING',
    advisory: true,
    run: async () => {
      const relay = moduleRef.get(Relay, { strict: false });
      if (!relay.running) throw new Error('the relay is not running');
      if (relay.failing) throw new Error(`cannot publish to Kafka, stuck after position ${relay.position}`);
      const headPosition = await store.headPosition();
      return { position: relay.position, lag: Math.max(0, headPosition - relay.position), published: relay.publishedCount };
    },
  };
}
