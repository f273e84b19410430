import { Worker } from 'node:worker_threads';

/**
 * The thread's whole program: its own connection to the file, a PASSIVE checkpoint every interval
 * (and on request), nothing else. PASSIVE never waits for readers or the writer: it copies what it can.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    return { busy: row.busy, log: row.log, checkpointed: row.checkpointed };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') parentPort.postMessage({ type: 'checkpointed', id: message.id, result: checkpoint() });
  if (message.type === 'close') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointResult {
  /** 1 when another connection held a lock the checkpoint needed (it copied what it could). */
  busy?: number;
  /** WAL frames, and how many of them are now in the database file. */
  log?: number;
  checkpointed?: number;
  error?: string;
}

/**
 * Checkpoints a SQLite database's WAL from a thread of its own, so that the connection that commits
 * (the event loop's) can run with `wal_autocheckpoint=0` and never waits for a checkpoint's fsyncs
 * inside a COMMIT. The WAL stays bounded by what is committed between two checkpoints.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (result: CheckpointResult) => void>();
  private nextId = 1;
  private closed?: Promise<void>;
  private exited = false;

  constructor(path: string, intervalMs = 1_000) {
    // No flags: the process's preloads (-r @swc-node/register) would load a compiler into the thread.
    this.worker = new Worker(SOURCE, { eval: true, execArgv: [], workerData: { path, intervalMs, driver: require.resolve('better-sqlite3') } });
    this.worker.on('message', (message: { type: string; id: number; result: CheckpointResult }) => {
      if (message.type !== 'checkpointed') return;
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
      // Referenced only while an answer is awaited: the thread never keeps the process alive on its own.
      if (this.waiting.size === 0 && !this.closed) this.worker.unref();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      for (const resolve of this.waiting.values()) resolve({ error: 'the checkpoint thread stopped' });
      this.waiting.clear();
    });
    // A failure to open (file gone) ends the thread; the commits then only grow the WAL until the next start.
    this.worker.on('error', () => undefined);
    this.worker.unref();
  }

  /** One PASSIVE checkpoint now, in the thread. */
  checkpoint(): Promise<CheckpointResult> {
    if (this.closed || this.exited) return Promise.resolve({ error: 'the checkpoint thread is not running' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.ref();
      this.worker.postMessage({ type: 'checkpoint', id });
    });
  }

  /** A last checkpoint, then the thread's connection closes and the thread ends. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.worker.postMessage({ type: 'close' });
    });
    return this.closed;
  }
}
