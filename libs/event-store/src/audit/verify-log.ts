import type { EventStore } from '../event-store.port';
import type { RecordedEvent, StreamHead } from '../types';
import { ChainVerifier, type VerificationReport } from '../verify';
import { type WalkProgress, walkRawLog } from './walk-log';

export interface LogVerificationOptions {
  onProgress?: (progress: WalkProgress) => void;
  /** Sees every event the chains accepted, in position order. */
  observe?: (event: RecordedEvent) => void;
}

export interface LogVerification {
  report: VerificationReport;
  verifier: ChainVerifier;
}

/**
 * Heads are read after the walk; appends that landed meanwhile (or whose events are not yet safe to
 * read on PostgreSQL) are walked too, backing off 25 ms … 800 ms: a head still ahead after that is a deleted event.
 */
const CATCH_UP_ROUNDS = 6;

const behind = (verifier: ChainVerifier, heads: StreamHead[]) => heads.some((head) => head.version > verifier.walkedVersion(head.streamId));

/**
 * Walks both hash chains over the whole raw log, then compares the store's stream heads (ADR 0001).
 * Reports the first broken link; `verifier.snapshot()` is the verified state at the walk's end.
 */
export async function verifyLog(store: EventStore, options: LogVerificationOptions = {}): Promise<LogVerification> {
  const verifier = new ChainVerifier();
  const visit = (event: RecordedEvent) => {
    if (!verifier.accept(event)) return false;
    options.observe?.(event);
    return true;
  };
  let walked = await walkRawLog(store, visit, { onProgress: options.onProgress });
  let heads = await store.streamHeads();
  for (let round = 1; round <= CATCH_UP_ROUNDS && !walked.stopped && behind(verifier, heads); round++) {
    await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** (round - 1)));
    const before = walked.events;
    const onProgress = options.onProgress && ((p: WalkProgress) => options.onProgress?.({ ...p, events: before + p.events }));
    const more = await walkRawLog(store, visit, { after: walked.position, onProgress });
    walked = { stopped: more.stopped, position: Math.max(walked.position, more.position), events: before + more.events };
    heads = await store.streamHeads();
  }
  return { report: verifier.finish(heads), verifier };
}
