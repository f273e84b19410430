import type { EventStore } from '../event-store.port';
import type { RecordedEvent } from '../types';

export interface WalkProgress {
  /** Last position read. */
  position: number;
  /** The store's head position when last asked (grows when the walk passes it). */
  head: number;
  /** Events read so far. */
  events: number;
}

export interface WalkOptions {
  /** Exclusive start position (0 = from the beginning). */
  after?: number;
  pageSize?: number;
  /** Called once before the first page and after every page. */
  onProgress?: (progress: WalkProgress) => void;
}

export interface WalkResult {
  position: number;
  events: number;
  /** True when `visit` returned false. */
  stopped: boolean;
}

const PAGE_SIZE = 1000;

/** Reads the raw log (as stored, never upcast) in position order until its end or until `visit` returns false. */
export async function walkRawLog(store: EventStore, visit: (event: RecordedEvent) => boolean, options: WalkOptions = {}): Promise<WalkResult> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let head = await store.headPosition();
  let position = options.after ?? 0;
  let events = 0;
  options.onProgress?.({ position, head, events });
  for (;;) {
    const page = await store.readAllRaw({ after: position, maxCount: pageSize });
    if (page.length === 0) return { position, events, stopped: false };
    for (const event of page) {
      events += 1;
      position = event.position;
      if (!visit(event)) {
        options.onProgress?.({ position, head: Math.max(head, position), events });
        return { position, events, stopped: true };
      }
    }
    head = Math.max(head, position);
    options.onProgress?.({ position, head, events });
  }
}
