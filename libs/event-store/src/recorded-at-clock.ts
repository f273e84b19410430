import { DEFAULT_MAX_CLOCK_SKEW_MS, nextRecordedAt } from './append-planning';
import { RecordedAtAheadError } from './errors';

export interface RecordedAtClockOptions {
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** How far the log's last recordedAt may lead `now` before appends refuse. Default 5 s. */
  maxSkewMs?: number;
}

/**
 * The store's source of recordedAt: the clock, kept monotonic from the log's last hashed recordedAt and
 * bounded by a skew. Listeners hear every refusal (a metric in the api).
 */
export class RecordedAtClock {
  private readonly now: () => number;
  readonly maxSkewMs: number;
  private readonly listeners = new Set<(error: RecordedAtAheadError) => void>();

  constructor(options: RecordedAtClockOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  }

  /** `last` is the log's last metadata.recordedAt (null when that event has none), undefined for an empty log. */
  next(last: string | null | undefined): string {
    try {
      return nextRecordedAt(this.now(), last === null ? 'missing' : last, this.maxSkewMs);
    } catch (error) {
      if (error instanceof RecordedAtAheadError) for (const listener of this.listeners) listener(error);
      throw error;
    }
  }

  /** The clock's reading (for a writer elsewhere that computes recordedAt with nextRecordedAt and maxSkewMs). */
  nowMs(): number {
    return this.now();
  }

  /** A refusal decided elsewhere with this clock's reading (the SQLite writer thread): listeners hear it. */
  reportRefusal(error: RecordedAtAheadError): void {
    for (const listener of this.listeners) listener(error);
  }

  onRefusal(listener: (error: RecordedAtAheadError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
