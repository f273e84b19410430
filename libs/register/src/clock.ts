import type { IsoDate } from '@reorg/domain';

export interface ClockSettings {
  /** IANA time zone of the province: "today" is a calendar date there. */
  timezone: string;
  /** Tests only: the clock stands still at this instant (ISO-8601). */
  fixedAt?: string;
  /** Tests only: shifts the clock by this many seconds (e.g. past an effective date after a restart). */
  offsetSeconds?: number;
}

/** The one source of time for application services; domain code gets time from commands. */
export class Clock {
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly fixedAtMs: number | undefined;
  private readonly offsetMs: number;

  constructor(
    settings: ClockSettings,
    private readonly systemNow: () => number = Date.now,
  ) {
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.fixedAtMs = settings.fixedAt === undefined ? undefined : Date.parse(settings.fixedAt);
    if (this.fixedAtMs !== undefined && Number.isNaN(this.fixedAtMs)) throw new Error(`clock: not an instant: ${settings.fixedAt}`);
    this.offsetMs = (settings.offsetSeconds ?? 0) * 1000;
  }

  static fromConfig(config: { timezone: string; clock: { fixedAt?: string; offsetSeconds: number } }): Clock {
    return new Clock({ timezone: config.timezone, fixedAt: config.clock.fixedAt, offsetSeconds: config.clock.offsetSeconds });
  }

  /** Milliseconds since the epoch. */
  nowMs(): number {
    return (this.fixedAtMs ?? this.systemNow()) + this.offsetMs;
  }

  /** The instant as ISO-8601 UTC. */
  now(): string {
    return new Date(this.nowMs()).toISOString();
  }

  /** The calendar date in the province's time zone. */
  today(): IsoDate {
    return this.dateFormat.format(this.nowMs());
  }
}
