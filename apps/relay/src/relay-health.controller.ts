import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { eventStoreCheck, readinessReport } from '@reorg/http';
import { Relay } from '@reorg/messaging';

/** Liveness and readiness of the relay (no token: this app serves nothing else). */
@Controller('health')
export class RelayHealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Relay) private readonly relay: Relay,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers and the relay runs without failing; reports its position and lag. */
  @Get('ready')
  ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    return readinessReport([
      eventStoreCheck(this.store),
      {
        name: 'relay',
        failureCode: 'RELAY_FAILING',
        run: async () => {
          if (!this.relay.running) throw new Error('the relay is not running');
          if (this.relay.failing) throw new Error(`cannot publish to Kafka, stuck after position ${this.relay.position}`);
          const headPosition = await this.store.headPosition();
          return { position: this.relay.position, lag: Math.max(0, headPosition - this.relay.position), published: this.relay.publishedCount };
        },
      },
    ]);
  }
}
