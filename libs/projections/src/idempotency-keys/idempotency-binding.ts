import type { EventStore } from '@reorg/event-store';
import { REBIND_HINT, type StoreBindingOptions, StoreMismatchError } from '../store-binding';
import type { DataSource } from 'typeorm';
import { IdempotencyBinding } from './idempotency-binding.entity';
import { IdempotencyRecord } from './idempotency-record.entity';

export interface KeysBindingOptions extends StoreBindingOptions {
  /** Names the keys' file or schema in messages. */
  keys: string;
}

export type KeysBindingOutcome = 'bound' | 'adopted' | 'discarded';

/**
 * Idempotency-Key answers name what a command did in one event store; replayed against another they
 * would answer with ids that store does not have. Keys of another store (or keys beside an empty store)
 * refuse the start, or are discarded when told to rebuild; keys written before the binding are adopted
 * by a store that has events.
 */
export async function bindIdempotencyKeys(dataSource: DataSource, store: EventStore, options: KeysBindingOptions): Promise<KeysBindingOutcome> {
  const storeId = await store.storeId();
  const binding = await dataSource.manager.findOneBy(IdempotencyBinding, { singleton: 1 });
  if (binding?.storeId === storeId) return 'bound';
  const keys = await dataSource.manager.count(IdempotencyRecord);
  const bind = () => dataSource.manager.upsert(IdempotencyBinding, { singleton: 1, storeId }, ['singleton']);
  if (keys === 0) {
    await bind();
    return 'bound';
  }
  if (!binding && (await store.headPosition()) > 0) {
    await bind();
    return 'adopted';
  }
  const reason = binding ? `they answer commands of event store ${binding.storeId}, not of this one (${storeId})` : 'the event store beside them is empty';
  if (options.onMismatch === 'refuse') {
    throw new StoreMismatchError(
      `the ${keys} Idempotency-Key answers in ${options.keys} do not belong to the event store ${options.eventStore}: ${reason}.\n` +
        `Refusing to start (a retried request would be answered from another store). Fix: ${REBIND_HINT} (either discards them).`,
    );
  }
  await dataSource.transaction(async (tx) => {
    await tx.clear(IdempotencyRecord);
    await tx.upsert(IdempotencyBinding, { singleton: 1, storeId }, ['singleton']);
  });
  return 'discarded';
}
