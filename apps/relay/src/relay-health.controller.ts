import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { ProblemException } from '@reorg/http';
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
  async ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    let headPosition: number;
    try {
      headPosition = await this.store.headPosition();
    } catch (error) {
      throw new ProblemException({
        code: 'SERVICE_UNAVAILABLE',
        detail: { vi: 'Kho sự kiện không phản hồi.', en: 'The event store is not answering.' },
        errors: [{ path: 'eventStore', code: 'EVENT_STORE_UNAVAILABLE', detail: error instanceof Error ? error.message : String(error) }],
      });
    }
    if (!this.relay.running) {
      throw new ProblemException({ code: 'SERVICE_UNAVAILABLE', detail: { vi: 'Bộ chuyển tiếp sự kiện chưa chạy.', en: 'The relay is not running.' } });
    }
    if (this.relay.failing) {
      throw new ProblemException({
        code: 'SERVICE_UNAVAILABLE',
        detail: { vi: 'Bộ chuyển tiếp không gửi được sự kiện tới Kafka.', en: 'The relay cannot publish to Kafka.' },
        errors: [{ path: 'relay', code: 'RELAY_FAILING', detail: `stuck after position ${this.relay.position}` }],
      });
    }
    const position = this.relay.position;
    return {
      status: 'ok',
      checks: {
        eventStore: { status: 'up', headPosition },
        relay: { status: 'up', position, lag: Math.max(0, headPosition - position), published: this.relay.publishedCount },
      },
    };
  }
}
