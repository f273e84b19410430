import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { WalkProgress } from '../audit/walk-log';
import type { RecordedEvent, StreamHead } from '../types';
import { ChainVerifier } from '../verify';
import {
  type BackupEventLine,
  type BackupHeader,
  BackupRefused,
  type StoredCommand,
  commandLineProblem,
  eventLineProblem,
  headerProblem,
  toRecordedEventFromLine,
} from './backup-format';

/** Receives a backup's content page by page, as the file is read; nothing is final until readBackup resolves. */
export interface BackupSink {
  header?(header: BackupHeader): Promise<void>;
  events(page: RecordedEvent[]): Promise<void>;
  commands(page: StoredCommand[]): Promise<void>;
}

export interface ReadBackupOptions {
  /** Events or commands handed to the sink at once (default 2,000). */
  pageSize?: number;
  onProgress?: (progress: WalkProgress) => void;
}

export interface VerifiedBackup {
  header: BackupHeader;
  /** Every stream's head at the backup's position, from the verified chains. */
  heads: StreamHead[];
}

const PAGE_SIZE = 2_000;
const NEWLINE = 0x0a;

type Section = 'header' | 'events' | 'commands' | 'end';

/** Checks each line as it comes: order of sections, shapes, both hash chains, then the trailer's counts and digest. */
class BackupParser {
  private section: Section = 'header';
  private readonly digest = createHash('sha256');
  private readonly verifier = new ChainVerifier();
  private headerLine: BackupHeader | undefined;
  private lineNumber = 0;
  private position = 0;
  private events = 0;
  private commands = 0;
  private lastCommandId: string | undefined;
  readonly pendingEvents: RecordedEvent[] = [];
  readonly pendingCommands: StoredCommand[] = [];

  get header(): BackupHeader | undefined {
    return this.headerLine;
  }

  get progress(): WalkProgress {
    return { position: this.position, head: this.headerLine?.position ?? 0, events: this.events };
  }

  private refuse(reason: string): never {
    throw new BackupRefused(`line ${this.lineNumber}: ${reason}`);
  }

  line(bytes: Buffer): void {
    this.lineNumber += 1;
    if (this.section === 'end') this.refuse('there is content after the trailer');
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      this.refuse('not a JSON line');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.refuse('not a JSON object');
    const line = value as Record<string, unknown>;
    if (line.kind === 'trailer') return this.trailer(line);
    this.digest.update(bytes);
    if (this.section === 'header') return this.acceptHeader(line);
    if (line.kind === 'event' && this.section === 'events') return this.event(line);
    if (line.kind === 'command') return this.command(line);
    this.refuse(`a line of kind ${JSON.stringify(line.kind)} is not expected here`);
  }

  private acceptHeader(line: Record<string, unknown>): void {
    const problem = headerProblem(line);
    if (problem) this.refuse(problem);
    this.headerLine = line as unknown as BackupHeader;
    this.section = 'events';
  }

  private event(line: Record<string, unknown>): void {
    const problem = eventLineProblem(line);
    if (problem) this.refuse(problem);
    const event = toRecordedEventFromLine(line as unknown as BackupEventLine);
    if (!this.verifier.accept(event)) {
      const [failure] = this.verifier.finish([]).failures;
      this.refuse(`the hash chains break at stream ${failure.streamId} version ${failure.version}, position ${failure.position}: ${failure.reason}`);
    }
    if (event.position > this.headerLine!.position) this.refuse(`position ${event.position} is past the header's ${this.headerLine!.position}`);
    this.events += 1;
    this.position = event.position;
    this.pendingEvents.push(event);
  }

  private command(line: Record<string, unknown>): void {
    this.section = 'commands';
    const problem = commandLineProblem(line);
    if (problem) this.refuse(problem);
    const { kind: _kind, ...command } = line as unknown as { kind: 'command' } & StoredCommand;
    if (this.lastCommandId !== undefined && command.commandId <= this.lastCommandId) this.refuse(`command ${command.commandId} is out of order or repeated`);
    this.lastCommandId = command.commandId;
    this.commands += 1;
    this.pendingCommands.push(command);
  }

  private trailer(line: Record<string, unknown>): void {
    const header = this.headerLine;
    if (!header) this.refuse('a trailer before the header');
    const walked = this.verifier.snapshot();
    if (line.sha256 !== this.digest.digest('hex')) this.refuse('the SHA-256 of the lines does not match the trailer: the file was altered');
    if (line.events !== this.events || this.events !== header.events) this.refuse(`${this.events} events read, the header says ${header.events} and the trailer ${String(line.events)}`);
    if (line.commands !== this.commands || this.commands !== header.commands) this.refuse(`${this.commands} command results read, the header says ${header.commands} and the trailer ${String(line.commands)}`);
    if (walked.position !== header.position || walked.globalHash !== header.globalHash) this.refuse(`the log ends at position ${walked.position}, the header says ${header.position} with another global hash`);
    if (walked.heads.length !== header.streams) this.refuse(`${walked.heads.length} streams read, the header says ${header.streams}`);
    this.section = 'end';
  }

  finish(): VerifiedBackup {
    if (this.section !== 'end') throw new BackupRefused(this.lineNumber === 0 ? 'the file is empty' : `the file ends after line ${this.lineNumber} without a trailer: it is truncated`);
    return { header: this.headerLine!, heads: this.verifier.snapshot().heads };
  }
}

async function consumeLines(source: AsyncIterable<Buffer>, parser: BackupParser, drain: (all: boolean) => Promise<void>): Promise<void> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      parser.line(buffer.subarray(start, end + 1));
      start = end + 1;
    }
    rest = buffer.subarray(start);
    // Events go out before commands: flush them whenever commands begin.
    await drain(parser.pendingCommands.length > 0);
  }
  if (rest.length > 0) throw new BackupRefused('the last line has no newline: the file is truncated');
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/**
 * Reads a backup (ADR 0011) into `sink`, refusing (BackupRefused) a file that is not whole and intact:
 * a broken gzip stream, a broken hash chain, counts or a digest that differ from the trailer's.
 * A refusal may come after pages were handed out, so the sink must write inside a transaction.
 */
export async function readBackup(file: string, sink: BackupSink, options: ReadBackupOptions = {}): Promise<VerifiedBackup> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const parser = new BackupParser();
  let headerSeen = false;
  const drain = async (all: boolean) => {
    if (!headerSeen && parser.header) {
      headerSeen = true;
      await sink.header?.(parser.header);
      options.onProgress?.({ position: 0, head: parser.header.position, events: 0 });
    }
    if (parser.pendingEvents.length >= (all ? 1 : pageSize)) {
      await sink.events(parser.pendingEvents.splice(0));
      options.onProgress?.(parser.progress);
    }
    if (parser.pendingCommands.length >= (all ? 1 : pageSize)) await sink.commands(parser.pendingCommands.splice(0));
  };
  // pipeline() reports an AbortError, not the consumer's own error, when the consumer fails before the end of the input.
  let consumerError: unknown;
  try {
    await pipeline(createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      try {
        await consumeLines(source, parser, drain);
      } catch (error) {
        consumerError = error;
        throw error;
      }
    });
  } catch (error) {
    const cause = consumerError ?? error;
    if (isZlibError(cause)) throw new BackupRefused(`${file} is not an intact gzip stream (${(cause as Error).message}): it is truncated or corrupted`);
    throw cause;
  }
  const verified = parser.finish();
  await drain(true);
  return verified;
}
