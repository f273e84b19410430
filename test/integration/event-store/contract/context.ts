import type { EventStore } from '@reorg/event-store';
import type { StoreOptions } from '../support';

/** What each contract section gets: stores over the current test's own throwaway database. */
export interface ContractContext {
  open(options?: StoreOptions): Promise<EventStore>;
  /** Closes a store before the test ends, e.g. to re-open the same database. */
  close(store: EventStore): Promise<void>;
}
