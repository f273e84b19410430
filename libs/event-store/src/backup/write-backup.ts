import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, fsyncSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { WalkProgress } from '../audit/walk-log';
import type { EventStore } from '../event-store.port';
import { ChainVerifier } from '../verify';
import { BACKUP_FORMAT, type BackupHeader, BackupRefused, type BackupTrailer, eventLine } from './backup-format';
import { type StoreSnapshot, openSnapshot } from './store-snapshot';

export interface BackupOptions {
  /** Events read per query (default 5,000). */
  pageSize?: number;
  onProgress?: (progress: WalkProgress) => void;
  now?: () => Date;
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  bytes: number;
  seconds: number;
}

/** The backup could not be written (the file exists, the directory is missing, …): nothing about the data. */
export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
}

const PAGE_SIZE = 5_000;

function brokenLog(verifier: ChainVerifier): BackupRefused {
  const [failure] = verifier.finish([]).failures;
  return new BackupRefused(`the store does not verify, so it is not backed up: stream ${failure.streamId} version ${failure.version} at position ${failure.position}: ${failure.reason}`);
}

/** Every line of the backup, each checked against the chains before it is handed out; the digest covers all but the trailer. */
async function* backupLines(snapshot: StoreSnapshot, header: BackupHeader, options: BackupOptions): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const digest = createHash('sha256');
  const emit = (text: string) => {
    digest.update(text, 'utf8');
    return text;
  };
  yield emit(`${JSON.stringify(header)}\n`);
  const verifier = new ChainVerifier();
  let position = 0;
  let events = 0;
  options.onProgress?.({ position, head: header.position, events });
  for (;;) {
    const page = await snapshot.eventPage(position, pageSize);
    if (page.length === 0) break;
    let chunk = '';
    for (const event of page) {
      if (!verifier.accept(event)) throw brokenLog(verifier);
      chunk += `${JSON.stringify(eventLine(event))}\n`;
    }
    events += page.length;
    position = page[page.length - 1].position;
    options.onProgress?.({ position, head: header.position, events });
    yield emit(chunk);
  }
  const report = verifier.finish(await snapshot.streamHeads());
  if (!report.ok) throw brokenLog(verifier);
  const walked = verifier.snapshot();
  if (events !== header.events || walked.position !== header.position || walked.globalHash !== header.globalHash || report.streams !== header.streams) {
    throw new Error(`backup: the snapshot changed while it was read (${events} events to position ${walked.position}, expected ${header.events} to ${header.position})`);
  }
  let commands = 0;
  for (let after = ''; ; ) {
    const page = await snapshot.commandPage(after, pageSize);
    if (page.length === 0) break;
    commands += page.length;
    after = page[page.length - 1].commandId;
    yield emit(page.map((command) => `${JSON.stringify({ kind: 'command', ...command })}\n`).join(''));
  }
  if (commands !== header.commands) throw new Error(`backup: ${commands} command results read, the snapshot counted ${header.commands}`);
  const trailer: BackupTrailer = { kind: 'trailer', events, commands, sha256: digest.digest('hex') };
  yield `${JSON.stringify(trailer)}\n`;
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a gzip'd JSON Lines backup of one consistent snapshot of the store (ADR 0011) while the
 * store may keep appending. The chains are verified as they are read: a broken log is not backed up.
 * The file appears under its name only once complete and flushed; an existing file is never replaced.
 */
export async function writeBackup(store: EventStore, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  if (existsSync(file)) throw new BackupFileError(`${file} already exists: a backup never replaces a file`);
  const partial = `${file}.partial`;
  const started = performance.now();
  const snapshot = await openSnapshot(store);
  let header: BackupHeader;
  try {
    header = {
      kind: 'header',
      format: BACKUP_FORMAT,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      source: snapshot.kind,
      position: snapshot.position,
      events: snapshot.events,
      streams: snapshot.streams,
      commands: snapshot.commands,
      globalHash: snapshot.globalHash,
    };
    // Opened before the pipeline: an asynchronous open could create the file after a refusal removed it.
    const out = createWriteStream(partial, { fd: openSync(partial, 'w') });
    await pipeline(Readable.from(backupLines(snapshot, header, options)), createGzip(), out);
    fsyncFile(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new BackupFileError(`cannot write ${file}: ${(error as Error).message}`);
    throw error;
  } finally {
    await snapshot.close();
  }
  return { file, header, bytes: statSync(file).size, seconds: (performance.now() - started) / 1000 };
}
