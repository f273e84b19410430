import { DomainRefusal } from '../../shared/violations';
import { type Decider, fold } from '../decider';

/** What a command did: the events it decided and the state after them, or the refusal it met. */
export class Decided<State, Event> {
  constructor(
    private readonly outcome: { events: Event[]; state: State } | { refusal: DomainRefusal },
  ) {}

  get events(): Event[] {
    if ('refusal' in this.outcome) throw new Error(`spec error: the command was refused: ${this.outcome.refusal.message}`);
    return this.outcome.events;
  }

  get state(): State {
    if ('refusal' in this.outcome) throw new Error(`spec error: the command was refused: ${this.outcome.refusal.message}`);
    return this.outcome.state;
  }

  get refusal(): DomainRefusal {
    if (!('refusal' in this.outcome)) throw new Error(`spec error: the command was accepted with ${JSON.stringify(this.outcome.events)}`);
    return this.outcome.refusal;
  }

  /** The refusal's kind and its violations' codes and paths: what a spec compares. */
  get refused(): { kind: DomainRefusal['kind']; violations: { code: string; path?: string; operationIndex?: number }[] } {
    const { kind, violations } = this.refusal;
    return { kind, violations: violations.map(({ code, path, operationIndex }) => ({ code, ...(path ? { path } : {}), ...(operationIndex !== undefined ? { operationIndex } : {}) })) };
  }
}

/** given(events) → when(command) → the Decided outcome, for any decider. */
export function deciderSpec<Command, State, Event>(decider: Decider<Command, State, Event>) {
  return {
    given: (...history: Event[]) => ({
      when(command: Command): Decided<State, Event> {
        const before = fold(decider, history);
        try {
          const events = decider.decide(command, before);
          return new Decided<State, Event>({ events, state: events.reduce(decider.evolve, before) });
        } catch (error) {
          if (error instanceof DomainRefusal) return new Decided<State, Event>({ refusal: error });
          throw error;
        }
      },
    }),
  };
}
