import { type Decider, fold } from '@reorg/domain/proposals/decider';
import { type EventMetadataInput, type EventStore, type RecordedEvent, validateAppends } from '@reorg/event-store';
import { CommandPipeline } from '../command-pipeline';
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
 * A single-stream aggregate on the command pipeline: load the stream, fold it, decide, append
 * against the version read (the pipeline retries a lost race and replays a repeated command id,
 * answering with the stream as the first command left it).
 */
export function decideAndAppend<Command, State, Event extends { type: string; data: object }>(
  store: EventStore,
  request: DecideAndAppend<Command, State, Event>,
): Promise<Appended<State, Event>> {
  return new CommandPipeline(store).run({
    commandId: request.commandId,
    decide: async () => {
      const recorded = await readStreamEvents(store, request.streamId);
      const state = fold(request.decider, asDomainEvents<Event>(recorded));
      const decider = request.deciderFor ? await request.deciderFor(state) : request.decider;
      const events = decider.decide(request.command, state);
      const expectedVersion = recorded.length === 0 ? 'no_stream' : recorded.length;
      return {
        appends: events.length ? [{ streamId: request.streamId, expectedVersion, events: toNewEvents(events, request.metadata) }] : [],
        result: { streamId: request.streamId, events, state: events.reduce(request.decider.evolve, state) },
      };
    },
    // An append the store would refuse (e.g. text it cannot hold) fails before any side effect such as stored attachment bytes.
    beforeAppend: async ({ appends, result }) => {
      validateAppends(appends);
      await request.beforeAppend?.(result.events);
    },
    replay: (committed) => replayed(store, request.decider, committed.streams[0]?.streamId ?? request.streamId),
  });
}

async function replayed<Command, State, Event>(store: EventStore, decider: Decider<Command, State, Event>, streamId: string) {
  const recorded = await readStreamEvents(store, streamId);
  return { streamId, events: [] as Event[], state: fold(decider, asDomainEvents<Event>(recorded)) };
}
