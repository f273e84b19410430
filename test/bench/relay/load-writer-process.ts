/*
 * Child process: the API's side of the distributed deployment. Appends the paced unit load to the
 * PostgreSQL store in its own process (as apps/api would), so the relay's process only relays.
 * Started by relay.bench.ts with fork(); answers one LoadResult message and exits.
 */
import { PostgresEventStore } from '@reorg/event-store';
import { type LoadOptions, runLoad } from './unit-load';

export interface WriterRequest {
  connectionString: string;
  schema: string;
  load: LoadOptions;
}

process.once('message', (request: WriterRequest) => {
  void (async () => {
    const store = await PostgresEventStore.connect({ connectionString: request.connectionString, schema: request.schema });
    try {
      const result = await runLoad(store, request.load);
      process.send?.({ ok: true, result });
    } finally {
      await store.close();
    }
  })()
    .catch((error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) }))
    .finally(() => process.disconnect?.());
});
