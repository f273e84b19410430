import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '@reorg/domain';
import { AppConfig } from '@reorg/config';

/** "Today" is a calendar date in the province's time zone (TIMEZONE, default Asia/Ho_Chi_Minh). */
@Injectable()
export class RegisterClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone: config.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  today(): IsoDate {
    return this.format.format(new Date());
  }
}
