import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { type EventStoreOptions, openEventStore } from './open-event-store';
import { RecordedAtClock } from './recorded-at-clock';

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  /** Provides EVENT_STORE and its RecordedAtClock (whose refusals a metric may count). */
  static forRoot(options: EventStoreOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: RecordedAtClock, useFactory: () => options.recordedAtClock ?? new RecordedAtClock({ now: options.clock, maxSkewMs: options.maxClockSkewMs }) },
        { provide: EVENT_STORE, inject: [RecordedAtClock], useFactory: (recordedAtClock: RecordedAtClock) => openEventStore({ ...options, recordedAtClock }) },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, RecordedAtClock],
    };
  }
}
