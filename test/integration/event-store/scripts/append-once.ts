/* Opens the SQLite store at argv[2] with the writer thread, appends one event and prints its position: run by a spec under process-wide node flags. */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@reorg/event-store';

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ path: process.argv[2] });
  const result = await store.appendToStream(`unit-${process.pid}`, 'no_stream', [
    { eventId: randomUUID(), type: 'UnitRegistered', data: { flags: process.execArgv.join(' ') } },
  ]);
  process.stdout.write(`${store.writerMode} ${result.lastPosition}\n`);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
