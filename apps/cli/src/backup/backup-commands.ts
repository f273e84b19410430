import type { AppConfig } from '@reorg/config';
import { BackupFileError, BackupRefused } from '@reorg/event-store/backup';
import type { Command } from 'commander';
import { exitCodeGuard } from '../exit-codes';
import { AuditCommandError } from '../audit/audit-store';
import type { CliOutput } from '../rebuild/rebuild.command';
import { registerBackupCommand } from './backup.command';
import { registerRestoreCommand } from './restore.command';

/** Exit codes: 1 refused (a broken chain, an altered or truncated file, a non-empty target) or not verified, 2 could not run. */
const guarded = exitCodeGuard({ refused: BackupRefused, cannotRun: [BackupFileError, AuditCommandError] });

/** backup and restore. */
export function registerBackupCommands(program: Command, config: () => AppConfig, output: CliOutput): void {
  registerBackupCommand(program, config, output, guarded);
  registerRestoreCommand(program, config, output, guarded);
}
