import { existsSync } from 'node:fs';
import type { AppConfig } from '@reorg/config';
import { openEventStore } from '@reorg/event-store';
import { BackupFileError, type RestoreSummary, restoreBackup } from '@reorg/event-store/backup';
import type { Command } from 'commander';
import type { GuardedAction } from '../audit/audit-store';
import { walkProgressReporter } from '../audit/walk-progress';
import type { CliOutput } from '../rebuild/rebuild.command';

/** Restores a backup into the configured store, which must be empty; exit code 1 unless it then verifies. */
export async function runRestore(config: AppConfig, from: string, output: CliOutput): Promise<RestoreSummary> {
  // Before opening the store, which would create an empty SQLite file.
  if (!existsSync(from)) throw new BackupFileError(`there is no backup at ${from}`);
  const store = await openEventStore({ ...config.eventStore });
  const restoring = walkProgressReporter('restore');
  const verifying = walkProgressReporter('verify');
  let summary: RestoreSummary;
  try {
    summary = await restoreBackup(store, from, {
      onProgress: restoring.update.bind(restoring),
      onVerifyProgress: (progress) => {
        restoring.stop();
        verifying.update(progress);
      },
    });
  } finally {
    restoring.stop();
    verifying.stop();
    await store.close();
  }
  const { header, verification } = summary;
  output.line(
    `restored ${header.events} events in ${header.streams} streams and ${header.commands} command results up to position ${header.position} ` +
      `from ${from} (${header.source}, ${header.createdAt}) in ${summary.seconds.toFixed(1)} s (${Math.round(header.events / (summary.seconds || 1e-3))} events/s)`,
  );
  output.line(
    `${verification.events} events in ${verification.streams} streams: ` +
      `${summary.matchesBackup ? 'both hash chains and every stream head verify, ending at the backup’s global hash' : 'VERIFICATION FAILED'} (${summary.verifySeconds.toFixed(1)} s)`,
  );
  for (const failure of verification.failures) output.line(`broken: stream ${failure.streamId || '(none)'} version ${failure.version} at position ${failure.position}: ${failure.reason}`);
  output.line('read models are not in a backup: run `npm run cli -- rebuild` before starting the api');
  if (!summary.matchesBackup) process.exitCode = 1;
  return summary;
}

export function registerRestoreCommand(program: Command, config: () => AppConfig, output: CliOutput, guarded: GuardedAction): void {
  program
    .command('restore')
    .description('restore a backup into an EMPTY event store (EVENT_STORE, SQLITE_PATH or DATABASE_URL + DATABASE_SCHEMA), positions, hashes and recordedAt unchanged; a non-empty store, a broken chain or an altered file is refused')
    .requiredOption('--from <file>', 'the backup file')
    .action(guarded(async (options: { from: string }) => {
      await runRestore(config(), options.from, output);
    }));
}
