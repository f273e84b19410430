import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { AppConfig } from '@reorg/config';
import { openEventStore } from '@reorg/event-store';
import { type Command, Option } from 'commander';
import { type ReplayedRegister, replayRegister } from './register-replay';
import { REPLAY_FORMATS, REPLAY_STATUSES, type ReplayFormat, type ReplayQuery, parseAsOf, parseKnownAt } from './replay-options';
import { formatReplay } from './replay-output';

export interface ReplayOptions extends ReplayQuery {
  format: ReplayFormat;
  /** A file to write; absent: standard output. */
  out?: string;
}

export interface ReplayIo {
  /** The register's text (standard output by default). */
  write(text: string): void;
  /** A summary for the operator (standard error by default, so that the output stays clean). */
  note(text: string): void;
}

/** A reader that stops early (`| head`) closes the pipe: not a failure of the replay. */
function writeStdout(text: string): void {
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  process.stdout.write(text);
}

const STANDARD_IO: ReplayIo = {
  write: writeStdout,
  note: (text) => process.stderr.write(`${text}\n`),
};

/** A replay refused before reading anything (the message is for the operator, without a stack). */
export class ReplayRefused extends Error {}

/** Opens the configured event store (never the read models), folds the log and writes the register. */
export async function runReplay(config: AppConfig, options: ReplayOptions, io: ReplayIo = STANDARD_IO): Promise<ReplayedRegister> {
  // Opening a missing SQLite file would create an empty store and print an empty register.
  if (config.eventStore.kind === 'sqlite' && !existsSync(config.eventStore.sqlitePath)) {
    throw new ReplayRefused(`no event store at ${config.eventStore.sqlitePath} (SQLITE_PATH)`);
  }
  const store = await openEventStore({ ...config.eventStore });
  let register: ReplayedRegister;
  try {
    register = await replayRegister(store, options);
  } finally {
    await store.close();
  }
  const text = formatReplay(register, options.format);
  if (options.out === undefined) io.write(text);
  else await writeFile(options.out, text, 'utf8');
  io.note(
    `replayed ${register.events} unit and body events up to position ${register.position}${register.knownAt ? ` (known at ${register.knownAt})` : ''}: ` +
      `${register.units.length} ${options.status === 'ALL' ? '' : `${options.status} `}units as of ${register.asOf}${options.out ? `, written to ${options.out}` : ''}`,
  );
  return register;
}

export function registerReplayCommand(program: Command, config: () => AppConfig, io: ReplayIo = STANDARD_IO): void {
  program
    .command('replay')
    .description('rebuild the register as of a date straight from the event log (no read model) and print it as JSON or CSV')
    .requiredOption('--as-of <date>', 'effective date YYYY-MM-DD: every change effective on or before it', parseAsOf)
    .option('--known-at <instant>', 'ISO-8601 instant with time: only events recorded at or before it (default: all)', parseKnownAt)
    .addOption(new Option('--format <format>', 'output format').choices(REPLAY_FORMATS).default('json'))
    .addOption(new Option('--status <status>', 'units to list: ACTIVE, one ended status, or ALL (every unit established by then)').choices(REPLAY_STATUSES).default('ACTIVE'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: ReplayOptions) => {
      try {
        await runReplay(config(), options, io);
      } catch (error) {
        if (!(error instanceof ReplayRefused)) throw error;
        io.note(`error: ${error.message}`);
        process.exitCode = 1;
      }
    });
}
