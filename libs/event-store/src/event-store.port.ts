import type {
  AppendOptions,
  AppendResult,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamHead,
} from './types';

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface SubscribeOptions {
  /** Checkpoint: the last position already processed (0 = from the beginning). */
  after: number;
  /** Events handed to the handler at once. */
  batchSize?: number;
}

export interface Subscription {
  /** Resolves when the subscription stops (after close(), or rejects when the handler throws). */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

/**
 * The event store port. Adapters: SQLite (embedded), PostgreSQL; a KurrentDB adapter maps
 * streams and expected versions one to one and global positions to its commit positions.
 */
export interface EventStore {
  appendToStream(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** All streams or none; each with its own expected version. */
  appendMultiple(appends: StreamAppend[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events after a position, in global order, never past an event still being committed. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Events as stored (no upcasting): for verification and export. */
  readAllRaw(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  streamHeads(): Promise<StreamHead[]>;
  /** The highest position safe to read (every event at or below it is committed). */
  headPosition(): Promise<number>;
  /**
   * The highest position of any committed event: at least the position of every event a read of the
   * store has returned so far (on PostgreSQL it can be above headPosition while a lower one is in flight).
   */
  latestPosition(): Promise<number>;
  /**
   * What a command id already appended (`idempotentReplay: true`), or undefined. A retry whose first
   * attempt committed but lost its answer is answered from it instead of being decided again.
   */
  commandResult(commandId: string): Promise<AppendResult | undefined>;
  /**
   * Catch-up subscription: delivers every event after the checkpoint in order, then live events,
   * never skipping or repeating one. The handler's promise must resolve before the next batch.
   */
  subscribeToAll(handler: (events: RecordedEvent[]) => Promise<void>, options: SubscribeOptions): Subscription;
  /** The id created with this store (never copied by a backup): what read models and idempotency keys are bound to. */
  storeId(): Promise<string>;
  /** The global chain hash of the event at exactly this position (undefined when none is stored there). */
  globalHashAt(position: number): Promise<string | undefined>;
  /** Resolves once the safe head has reached the position (or times out with false). */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
