import { GENESIS_HASH, eventHash, globalChainHash } from './canonical';
import type { JsonValue, RecordedEvent, StreamHead } from './types';

export interface VerificationFailure {
  streamId: string;
  version: number;
  position: number;
  reason: string;
}

export interface VerificationReport {
  ok: boolean;
  streams: number;
  events: number;
  failures: VerificationFailure[];
}

/**
 * Walks the global log (raw, position order) and both hash chains; stops at the first broken link.
 * Stream heads catch a deleted last event that the global chain cannot see (the log's tail).
 */
export class ChainVerifier {
  private readonly streams = new Map<string, { version: number; hash: string }>();
  private previousGlobalHash = GENESIS_HASH;
  private lastPosition = 0;
  private lastRecordedAt = '';
  private events = 0;
  private failure: VerificationFailure | undefined;

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Feed events in ascending position; returns false once a failure was found. */
  accept(event: RecordedEvent): boolean {
    if (this.failure) return false;
    this.events += 1;
    const fail = (reason: string): boolean => {
      this.failure = { streamId: event.streamId, version: event.version, position: event.position, reason };
      return false;
    };
    if (event.position <= this.lastPosition) return fail(`position ${event.position} is not after ${this.lastPosition}`);
    const previous = this.streams.get(event.streamId) ?? { version: 0, hash: GENESIS_HASH };
    if (event.version !== previous.version + 1) {
      return fail(`stream version ${event.version} follows ${previous.version}: an event is missing or out of order`);
    }
    const expectedHash = eventHash(
      {
        eventId: event.eventId,
        streamId: event.streamId,
        version: event.version,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as JsonValue,
        metadata: event.metadata as unknown as JsonValue,
      },
      previous.hash,
    );
    if (expectedHash !== event.hash) return fail('stream hash mismatch: the event or its predecessor was altered');
    const expectedGlobal = globalChainHash(event.position, event.hash, this.previousGlobalHash);
    if (expectedGlobal !== event.globalHash) {
      return fail('global hash mismatch: an event before it in the log was removed, inserted or reordered');
    }
    if (event.metadata.recordedAt < this.lastRecordedAt) return fail('recordedAt decreases along the global log');
    this.streams.set(event.streamId, { version: event.version, hash: event.hash });
    this.previousGlobalHash = event.globalHash;
    this.lastPosition = event.position;
    this.lastRecordedAt = event.metadata.recordedAt;
    return true;
  }

  /** The version walked so far of a stream (0 when none of its events was seen). */
  walkedVersion(streamId: string): number {
    return this.streams.get(streamId)?.version ?? 0;
  }

  /** The walked state: last position, its global hash and every stream's head so far, sorted by stream id (code units). */
  snapshot(): { position: number; globalHash: string; heads: StreamHead[] } {
    const heads = [...this.streams].map(([streamId, head]) => ({ streamId, version: head.version, hash: head.hash }));
    heads.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    return { position: this.lastPosition, globalHash: this.previousGlobalHash, heads };
  }

  /** Compares the walked chains with the store's recorded stream heads. */
  finish(heads: StreamHead[]): VerificationReport {
    if (!this.failure) {
      for (const head of heads) {
        const seen = this.streams.get(head.streamId);
        if (!seen || seen.version !== head.version || seen.hash !== head.hash) {
          this.failure = {
            streamId: head.streamId,
            version: head.version,
            position: this.lastPosition,
            reason: `stream head is version ${head.version} but the log ends at version ${seen?.version ?? 0}: events were deleted`,
          };
          break;
        }
      }
    }
    if (!this.failure && heads.length !== this.streams.size) {
      const known = new Set(heads.map((h) => h.streamId));
      const orphan = [...this.streams.keys()].find((id) => !known.has(id)) ?? '';
      this.failure = { streamId: orphan, version: this.streams.get(orphan)?.version ?? 0, position: this.lastPosition, reason: 'stream has events but no recorded head' };
    }
    return {
      ok: !this.failure,
      streams: this.streams.size,
      events: this.events,
      failures: this.failure ? [this.failure] : [],
    };
  }
}
