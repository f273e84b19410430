import { AppConfig, ConfigValidationError } from '@reorg/config';
import { Command } from 'commander';
import { registerAuditCommands } from './audit/audit-commands';
import { registerBackupCommands } from './backup/backup-commands';
import { registerRebuildCommand } from './rebuild/rebuild.command';
import { registerReplayCommand } from './replay/replay.command';

/** `npm run cli -- <command>`: operations on the register's data, configured like the api (env). */
function program(): Command {
  const output = { line: (text: string) => process.stdout.write(`${text}\n`) };
  const cli = new Command('reorg').description('operations on the register: rebuild read models').showHelpAfterError();
  registerRebuildCommand(cli, () => AppConfig.fromEnv(), output);
  registerAuditCommands(cli, () => AppConfig.fromEnv(), output);
  registerReplayCommand(cli, () => AppConfig.fromEnv());
  registerBackupCommands(cli, () => AppConfig.fromEnv(), output);
  return cli;
}

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof ConfigValidationError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message);
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  });
