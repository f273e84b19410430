/*
 * The generated register as a file of append batches (NDJSON, one `appendMultiple` per line), so
 * that the load is timed apart from the generation and the baselines insert the very same rows.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { IsoDate, LevelValidity } from '@reorg/domain';
import type { EventStore, NewEvent, StreamAppend } from '@reorg/event-store';
import { SingleBar } from 'cli-progress';
import { type GeneratedAppend, type NationalSummary, generateNational } from './generate-national';

export interface Batch {
  /** The last effective day of the commands in the batch: the day the batch is recorded on. */
  day: IsoDate;
  appends: StreamAppend[];
}

export type LogSummary = Omit<NationalSummary, 'register'> & { seconds: number; batches: number };

/**
 * Commands grouped into batches of about `size` events, each stream once per batch (the store
 * refuses a stream twice in one append): a stream's events keep their order; streams keep the order
 * of their first command in the batch.
 */
export class Batcher {
  private byStream = new Map<string, NewEvent[]>();
  private count = 0;
  private day: IsoDate = '';

  constructor(
    private readonly size: number,
    private readonly flush: (batch: Batch) => Promise<void> | void,
  ) {}

  async add(appends: GeneratedAppend[], day: IsoDate): Promise<void> {
    for (const { streamId, events } of appends) {
      const existing = this.byStream.get(streamId);
      if (existing) existing.push(...events);
      else this.byStream.set(streamId, [...events]);
      this.count += events.length;
    }
    this.day = day;
    if (this.count >= this.size) await this.end();
  }

  async end(): Promise<void> {
    if (this.count === 0) return;
    const appends = [...this.byStream].map(([streamId, events]): StreamAppend => ({ streamId, expectedVersion: 'any', events }));
    this.byStream = new Map();
    this.count = 0;
    await this.flush({ day: this.day, appends });
  }
}

const progressBar = (label: string, total: number) => {
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr });
  bar.start(total, 0);
  return bar;
};

/** Generates the register into `path` (NDJSON batches) unless it is already there; returns its summary. */
export async function generateLogFile(path: string, options: { units: number; events: number; seed: number; levels: readonly LevelValidity[]; batch: number }): Promise<LogSummary> {
  const summaryPath = `${path}.summary.json`;
  if (existsSync(path) && existsSync(summaryPath)) return JSON.parse(readFileSync(summaryPath, 'utf8')) as LogSummary;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const write = (line: string) => new Promise<void>((resolve) => (out.write(line) ? resolve() : out.once('drain', resolve)));
  const bar = progressBar('generate', options.events);
  let batches = 0;
  let events = 0;
  const batcher = new Batcher(options.batch, async (batch) => {
    batches += 1;
    events += batch.appends.reduce((n, a) => n + a.events.length, 0);
    bar.update(events);
    await write(`${JSON.stringify(batch)}\n`);
  });
  const t0 = performance.now();
  const { register: _register, ...summary } = await generateNational({ units: options.units, events: options.events, seed: options.seed, levels: options.levels }, (appends, day) => batcher.add(appends, day));
  await batcher.end();
  bar.stop();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  renameSync(partial, path);
  const result: LogSummary = { ...summary, seconds: (performance.now() - t0) / 1000, batches };
  writeFileSync(summaryPath, JSON.stringify(result));
  return result;
}

/** Every batch of the file, in order. */
export async function* readBatches(path: string): AsyncGenerator<Batch> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as Batch;
}

/** A store clock that records each batch on the day after its last effective day (monotonic). */
export class RecordingClock {
  private at = 0;
  readonly now = () => (this.at += 1);
  recordOn(day: IsoDate): void {
    this.at = Math.max(this.at, Date.parse(`${day}T00:00:00Z`) + 36 * 3_600_000);
  }
}

/** Appends every batch of the file to the store through its ordinary append path; returns events and seconds. */
export async function loadLogFile(path: string, store: EventStore, clock: RecordingClock, total: number): Promise<{ events: number; seconds: number }> {
  const bar = progressBar('load', total);
  let events = 0;
  const t0 = performance.now();
  for await (const batch of readBatches(path)) {
    clock.recordOn(batch.day);
    await store.appendMultiple(batch.appends);
    events += batch.appends.reduce((n, a) => n + a.events.length, 0);
    bar.update(events);
  }
  bar.stop();
  return { events, seconds: (performance.now() - t0) / 1000 };
}
