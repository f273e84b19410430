/*
 * The SQLite writer thread: owns the store's write connection and does everything an append costs
 * besides queueing it (expected versions, NFC, canonical JSON, both hash chains, the inserts and the
 * synchronous=FULL commit). Commands that arrive while a commit is on disk are committed together next.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nextRecordedAt } from '../append-planning';
import { SqliteBatchWriter, type WriteCommand } from './sqlite-batch-writer';
import { openSqliteConnection } from './sqlite-connection';
import { type FromWriter, type ToWriter, type WriterConfig, toWireError } from './writer-protocol';

type Queued = WriteCommand & { id: number; nowMs: number };

function run(port: NonNullable<typeof parentPort>, config: WriterConfig): void {
  const db = openSqliteConnection(config.path, { migrate: false });
  const writer = new SqliteBatchWriter(db);
  const post = (message: FromWriter) => port.postMessage(message);
  let queue: Queued[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, config.maxBatch);
      queue = queue.slice(config.maxBatch);
      // The latest clock reading among the batch: the main thread's clock, as the inline store reads it at commit.
      const nowMs = Math.max(...batch.map((command) => command.nowMs));
      const outcome = writer.commit(batch, (last) => nextRecordedAt(nowMs, last === null ? 'missing' : last, config.maxSkewMs));
      if (outcome.outcomes) {
        post({
          type: 'committed',
          lastPosition: outcome.lastPosition,
          transactions: writer.transactions,
          outcomes: outcome.outcomes.map((o, index) => (o.ok ? { id: batch[index].id, ok: true, result: o.result } : { id: batch[index].id, ok: false, error: toWireError(o.error) })),
        });
      } else {
        post({ type: 'failed', ids: batch.map((command) => command.id), error: toWireError(outcome.error), transactions: writer.transactions });
      }
    }
  };

  port.on('message', (message: ToWriter) => {
    switch (message.type) {
      case 'append':
        for (const command of message.commands) queue.push({ ...command, nowMs: message.nowMs });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
        break;
      case 'pragmas':
        post({ type: 'pragmas', synchronous: Number(db.pragma('synchronous', { simple: true })), journalMode: String(db.pragma('journal_mode', { simple: true })) });
        break;
      case 'close':
        flush();
        db.close();
        post({ type: 'closed' });
        port.close();
        break;
    }
  });
  post({ type: 'ready' });
}

if (parentPort) {
  try {
    run(parentPort, workerData as WriterConfig);
  } catch (error) {
    // An error object thrown out of a thread loses its class and message (better-sqlite3's SqliteError): sent as data instead.
    parentPort.postMessage({ type: 'crashed', error: toWireError(error) } satisfies FromWriter);
    process.exit(1);
  }
}
