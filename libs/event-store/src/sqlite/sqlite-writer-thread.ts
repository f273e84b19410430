import { Worker } from 'node:worker_threads';
import { EventStoreWriterError } from '../errors';
import type { AppendResult } from '../types';
import type { WriteCommand } from './sqlite-batch-writer';
import { writerScript } from './writer-script';
import { type FromWriter, type ToWriter, type WireOutcome, type WriterConfig, fromWireError } from './writer-protocol';

export interface QueuedCommand extends WriteCommand {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface WriterThreadHooks {
  /** After the commands of one transaction were answered: the log's head is now readable here. */
  committed(lastPosition: number): void;
  /** A whole transaction failed (e.g. RecordedAtAheadError): before its commands are rejected. */
  batchFailed(error: Error): void;
}

/**
 * No flags for the writer: it runs plain JavaScript and needs none, the process's preloads
 * (`-r @swc-node/register`) would make every writer load a TypeScript compiler (seconds), and Node
 * refuses process-wide flags such as `--max-old-space-size` in a worker's execArgv
 * (ERR_WORKER_INVALID_EXEC_ARGV), so passing the process's own would break any process started with one.
 */
function spawnWriter(config: WriterConfig): Worker {
  return new Worker(writerScript(), { workerData: config, execArgv: [] });
}

/**
 * The main thread's side of the writer thread: hands it commands, answers each caller when its
 * transaction's COMMIT has returned there. A writer that stops unasked rejects what it held
 * (EventStoreWriterError) and is started again for the next append; one that could not even open
 * the store makes the store refuse appends until it is opened again.
 */
export class SqliteWriterThread {
  private worker?: Worker;
  /** Each command with the thread it was sent to: a thread that stops rejects only its own. */
  private readonly pending = new Map<number, { command: QueuedCommand; worker: Worker }>();
  private readonly retired = new WeakSet<Worker>();
  private idleTimer?: NodeJS.Timeout;
  private retirements = 0;
  private nextId = 1;
  private refusal?: EventStoreWriterError;
  private closing?: Promise<void>;
  private transactionsBefore = 0;
  private transactionsNow = 0;
  private crashes = 0;
  private questions = 0;

  constructor(
    private readonly config: WriterConfig,
    private readonly hooks: WriterThreadHooks,
  ) {
    this.start();
  }

  get transactions(): number {
    return this.transactionsBefore + this.transactionsNow;
  }

  /** How many times the writer stopped unasked (and was started again). */
  get restarts(): number {
    return this.crashes;
  }

  send(commands: QueuedCommand[], nowMs: number): void {
    if (this.refusal || this.closing) {
      const error = this.refusal ?? new EventStoreWriterError('event store is closed');
      for (const command of commands) command.reject(error);
      return;
    }
    this.stayAwake();
    const worker = this.worker ?? this.start();
    const wire: ToWriter & { type: 'append' } = { type: 'append', nowMs, commands: [] };
    for (const command of commands) {
      const id = this.nextId++;
      this.pending.set(id, { command, worker });
      wire.commands.push({ id, appends: command.appends, commandId: command.commandId });
    }
    try {
      worker.postMessage(wire);
    } catch (error) {
      // Not cloneable (a function or a symbol in the data): nothing was sent.
      for (const { id } of wire.commands) this.settle(id, { id, ok: false, error: { name: 'InvalidAppendError', code: 'INVALID_APPEND', message: `the append cannot be stored: ${String(error)}`, fields: {} } });
      return;
    }
    worker.ref();
  }

  /** The write connection's pragmas, read on the writer's own connection. */
  pragmas(): Promise<{ synchronous: number; journalMode: string }> {
    this.stayAwake();
    const worker = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWriter) => {
        if (message.type !== 'pragmas') return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        this.questions -= 1;
        this.unrefWhenIdle(worker);
        resolve({ synchronous: message.synchronous, journalMode: message.journalMode });
      };
      worker.on('message', onMessage);
      const onExit = () => {
        worker.off('message', onMessage);
        this.questions = Math.max(0, this.questions - 1);
        reject(new EventStoreWriterError('the SQLite writer thread stopped'));
      };
      worker.once('exit', onExit);
      // Referenced while the answer is awaited: an idle writer does not keep the process alive, a question does.
      this.questions += 1;
      worker.ref();
      worker.postMessage({ type: 'pragmas' } satisfies ToWriter);
    });
  }

  /** For tests: stops the writer thread as a crash would (no graceful close, whatever it holds). */
  async crashForTest(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Commits everything already sent, closes the write connection, ends the thread. */
  close(): Promise<void> {
    this.stayAwake();
    this.closing ??= new Promise<void>((resolve) => {
      const worker = this.worker;
      if (!worker) return resolve();
      worker.ref();
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'close' } satisfies ToWriter);
    });
    return this.closing;
  }

  private start(): Worker {
    const worker = spawnWriter(this.config);
    this.worker = worker;
    this.transactionsBefore += this.transactionsNow;
    this.transactionsNow = 0;
    let ready = false;
    let failure: unknown;
    worker.on('message', (message: FromWriter) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          break;
        case 'committed':
          this.transactionsNow = message.transactions;
          for (const outcome of message.outcomes) this.settle(outcome.id, outcome);
          this.hooks.committed(message.lastPosition);
          break;
        case 'crashed':
          failure = fromWireError(message.error);
          break;
        case 'failed': {
          this.transactionsNow = message.transactions;
          const error = fromWireError(message.error);
          this.hooks.batchFailed(error);
          for (const id of message.ids) this.rejectOne(id, error);
          break;
        }
      }
      this.unrefWhenIdle(worker);
    });
    worker.on('error', (error) => {
      failure ??= error;
    });
    worker.on('exit', (exitCode) => {
      if (this.worker === worker) this.worker = undefined;
      const asked = (this.closing !== undefined || this.retired.has(worker)) && failure === undefined;
      const held = [...this.pending].filter(([, entry]) => entry.worker === worker).map(([id]) => id);
      if (asked && held.length === 0) return;
      const cause = failure ?? new Error(`exit code ${exitCode}`);
      const error = new EventStoreWriterError(
        ready
          ? `the SQLite writer thread stopped (${String((cause as Error).message ?? cause)}): this append was not acknowledged and may or may not have been committed; retry it with the same commandId`
          : `the SQLite writer thread could not open the store (${String((cause as Error).message ?? cause)}): the event store refuses appends until it is opened again`,
        { cause },
      );
      if (!ready) this.refusal = error;
      if (!asked) this.crashes += 1;
      for (const id of held) this.rejectOne(id, error);
    });
    worker.unref();
    return worker;
  }

  /** An idle writer does not keep the process alive; one holding appends or a question does. */
  private unrefWhenIdle(worker: Worker): void {
    if (this.pending.size > 0 || this.questions > 0 || this.closing) return;
    worker.unref();
    // A writer idle this long closes its connection and ends (a store never closed holds no thread); the next append starts one.
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.retire(worker), this.config.idleMs ?? 60_000).unref();
  }

  private stayAwake(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private retire(worker: Worker): void {
    if (this.worker !== worker || this.pending.size > 0 || this.questions > 0 || this.closing) return;
    this.retired.add(worker);
    this.worker = undefined;
    this.retirements += 1;
    worker.postMessage({ type: 'close' } satisfies ToWriter);
  }

  /** How many times an idle writer ended (and the next append started another). */
  get idleRetirements(): number {
    return this.retirements;
  }

  private settle(id: number, outcome: WireOutcome): void {
    const command = this.pending.get(id)?.command;
    if (!command) return;
    this.pending.delete(id);
    if (outcome.ok) command.resolve(outcome.result);
    else command.reject(fromWireError(outcome.error));
  }

  private rejectOne(id: number, error: unknown): void {
    const command = this.pending.get(id)?.command;
    if (!command) return;
    this.pending.delete(id);
    command.reject(error);
  }
}
