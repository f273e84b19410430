import { type AppendResult, type EventStore, type StreamAppend, VersionConflictError } from '@reorg/event-store';
import { noteWrittenPosition } from '@reorg/projections';

const ATTEMPTS = 5;

/** What deciding a command produced: the appends of one atomic write (one stream or several) and the answer. */
export interface Decided<R> {
  appends: StreamAppend[];
  result: R;
}

/**
 * One command as the pipeline runs it. A handler names its streams and its decider in `decide`;
 * the pipeline owns the store's write side around it.
 */
export interface CommandSpec<R> {
  /** From the Idempotency-Key: a command id already committed appends nothing and answers as the first time. */
  commandId?: string;
  /** Load the streams, fold them, decide with the pure domain function; a DomainRefusal propagates unchanged. */
  decide(): Promise<Decided<R>>;
  /** The answer of a command that committed before: its answer was lost, and this is the retry. */
  replay(committed: AppendResult): Promise<R>;
  /** Runs once the decision stands, before the append (e.g. storing an attachment's bytes). */
  beforeAppend?(decided: Decided<R>): Promise<void>;
  /** A conflict that re-reading cannot settle (a code reserved concurrently): its refusal, instead of a retry. */
  refuseConflict?(error: VersionConflictError): Error;
}

export type Committed<R> = R & { lastPosition: number };

/**
 * The one write path of every command: commandResult look-up → load → decide → append against
 * the versions read, atomically across streams. A lost race (VersionConflictError) re-reads and
 * decides again, a few times; the position written is noted for read-your-writes.
 */
export class CommandPipeline {
  constructor(private readonly store: EventStore) {}

  async run<R extends object>(spec: CommandSpec<R>): Promise<Committed<R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const committed = await this.attempt(spec);
        noteWrittenPosition(committed.lastPosition);
        return committed;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        if (spec.refuseConflict) throw spec.refuseConflict(error);
        if (attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async attempt<R extends object>(spec: CommandSpec<R>): Promise<Committed<R>> {
    const done = spec.commandId ? await this.store.commandResult(spec.commandId) : undefined;
    if (done) return { ...(await spec.replay(done)), lastPosition: done.lastPosition };
    const decided = await spec.decide();
    if (decided.appends.length === 0) return { ...decided.result, lastPosition: 0 };
    await spec.beforeAppend?.(decided);
    const options = { commandId: spec.commandId };
    const [single] = decided.appends;
    const appended =
      decided.appends.length === 1
        ? await this.store.appendToStream(single.streamId, single.expectedVersion, single.events, options)
        : await this.store.appendMultiple(decided.appends, options);
    if (appended.idempotentReplay) return { ...(await spec.replay(appended)), lastPosition: appended.lastPosition };
    return { ...decided.result, lastPosition: appended.lastPosition };
  }
}
