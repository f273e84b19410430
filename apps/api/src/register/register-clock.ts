import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '@reorg/domain';
import { AppConfig } from '@reorg/config';
import { Clock } from '@reorg/register/clock';

/** "Today" is a calendar date in the province's time zone (TIMEZONE, default Asia/Ho_Chi_Minh), on the configured clock. */
@Injectable()
export class RegisterClock {
  private readonly clock: Clock;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.clock = Clock.fromConfig(config);
  }

  today(): IsoDate {
    return this.clock.today();
  }

  /** The instant as ISO-8601 UTC. */
  now(): string {
    return this.clock.now();
  }
}
