/**
 * An aggregate as three pure functions: the state before anything happened, how an event changes
 * the state, and which events a command produces from a state (or a thrown DomainRefusal).
 */
export interface Decider<Command, State, Event> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** The state after a history of events. */
export function fold<State, Event>(decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
