import { type Decider, fold } from '@reorg/domain/proposals/decider';
import { type EventMetadataInput, type EventStore, type RecordedEvent, validateAppends } from '@reorg/event-store';
import { retryOnConflict } from '../retry-on-conflict';
import { readWholeStream, toNewEvents } from '../register-repository';

export interface DecideAndAppend<Command, State, Event> {
  decider: Decider<Command, State, Event>;
  streamId: string;
  command: Command;
  metadata: EventMetadataInput;
  commandId?: string;
  /** Builds the decider from the folded state when deciding needs more reads (e.g. the register a dossier names); `decider` still folds. */
  deciderFor?: (state: State) => Promise<Decider<Command, State, Event>>;
  /** Runs after a successful decision and before the append (e.g. storing an attachment's bytes). */
  beforeAppend?: (events: Event[]) => Promise<void>;
}

export interface Appended<State, Event> {
  streamId: string;
  events: Event[];
  state: State;
  /** Global position of the last event appended (or of the stream's head on an idempotent replay). */
  lastPosition: number;
}


/** Every event of a stream, in order. */
export const readStreamEvents = readWholeStream;

export const asDomainEvents = <Event>(events: readonly RecordedEvent[]): Event[] => events.map((e) => ({ type: e.type, data: e.data }) as Event);

/**
 * The one command path of an event-sourced aggregate: load the stream, fold it, decide, append
 * against the version read. A lost race re-reads and decides again; a repeated command id
 * appends nothing and answers with the stream as the first command left it.
 */
export async function decideAndAppend<Command, State, Event extends { type: string; data: object }>(
  store: EventStore,
  request: DecideAndAppend<Command, State, Event>,
): Promise<Appended<State, Event>> {
  return retryOnConflict(async () => {
    const done = request.commandId ? await store.commandResult(request.commandId) : undefined;
    if (done) return replayed(store, request.decider, done.streams[0]?.streamId ?? request.streamId);
    const recorded = await readStreamEvents(store, request.streamId);
    const state = fold(request.decider, asDomainEvents<Event>(recorded));
    const decider = request.deciderFor ? await request.deciderFor(state) : request.decider;
    const events = decider.decide(request.command, state);
    const expected = recorded.length === 0 ? 'no_stream' : recorded.length;
    const newEvents = toNewEvents(events, request.metadata);
    // An append the store would refuse (e.g. text it cannot hold) fails before any side effect such as stored attachment bytes.
    validateAppends([{ streamId: request.streamId, expectedVersion: expected, events: newEvents }]);
    await request.beforeAppend?.(events);
    const appended = await store.appendToStream(request.streamId, expected, newEvents, { commandId: request.commandId });
    if (appended.idempotentReplay) return replayed(store, request.decider, appended.streams[0]?.streamId ?? request.streamId);
    return { streamId: request.streamId, events, state: events.reduce(request.decider.evolve, state), lastPosition: appended.lastPosition };
  });
}

async function replayed<Command, State, Event>(store: EventStore, decider: Decider<Command, State, Event>, streamId: string): Promise<Appended<State, Event>> {
  const recorded = await readStreamEvents(store, streamId);
  return { streamId, events: [], state: fold(decider, asDomainEvents<Event>(recorded)), lastPosition: recorded.at(-1)?.position ?? 0 };
}
