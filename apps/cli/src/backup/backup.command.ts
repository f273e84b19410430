import type { AppConfig } from '@reorg/config';
import { type BackupSummary, writeBackup } from '@reorg/event-store/backup';
import type { Command } from 'commander';
import { type GuardedAction, openAuditedStore } from '../audit/audit-store';
import { walkProgressReporter } from '../audit/walk-progress';
import type { CliOutput } from '../rebuild/rebuild.command';

const perSecond = (events: number, seconds: number) => Math.round(events / (seconds || 1e-3));

/** Writes a backup of one consistent snapshot of the configured store; the service may keep writing. */
export async function runBackup(config: AppConfig, out: string, output: CliOutput): Promise<BackupSummary> {
  const store = await openAuditedStore(config);
  const progress = walkProgressReporter('backup');
  let summary: BackupSummary;
  try {
    summary = await writeBackup(store, out, { onProgress: progress.update.bind(progress) });
  } finally {
    progress.stop();
    await store.close();
  }
  const { header } = summary;
  output.line(
    `backup of ${header.events} events in ${header.streams} streams and ${header.commands} command results from ${header.source}, ` +
      `up to position ${header.position} (global hash ${header.globalHash}): written to ${out}`,
  );
  output.line(`${(summary.bytes / 1024).toFixed(0)} KiB in ${summary.seconds.toFixed(1)} s (${perSecond(header.events, summary.seconds)} events/s)`);
  return summary;
}

export function registerBackupCommand(program: Command, config: () => AppConfig, output: CliOutput, guarded: GuardedAction): void {
  program
    .command('backup')
    .description('write the event store (log, stream heads, command results) as of one instant to a gzip’d JSON Lines file, verifying both hash chains; read models are rebuilt, not backed up')
    .requiredOption('--out <file>', 'the backup file to create (never replaced if it exists)')
    .action(guarded(async (options: { out: string }) => {
      await runBackup(config(), options.out, output);
    }));
}
