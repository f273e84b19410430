import type { AppConfig } from '@reorg/config';
import { AuditKeyError, CheckpointRefused } from '@reorg/event-store/audit';
import type { Command } from 'commander';
import type { CliOutput } from '../rebuild/rebuild.command';
import { AuditCommandError, type GuardedAction } from './audit-store';
import { registerCheckpointCommand } from './checkpoint.command';
import { registerKeygenCommand } from './keygen.command';
import { registerVerifyCommand } from './verify.command';

/** Exit codes: 1 the store or checkpoint does not verify (or a checkpoint is refused), 2 the command could not run. */
const guarded: GuardedAction =
  (action) =>
  async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      const refused = error instanceof CheckpointRefused;
      if (!refused && !(error instanceof AuditKeyError) && !(error instanceof AuditCommandError)) throw error;
      process.stderr.write(`${refused ? 'refused' : 'error'}: ${error.message}\n`);
      process.exitCode = refused ? 1 : 2;
    }
  };

/** verify, checkpoint and audit-keygen. */
export function registerAuditCommands(program: Command, config: () => AppConfig, output: CliOutput): void {
  registerVerifyCommand(program, config, output, guarded);
  registerCheckpointCommand(program, config, output, guarded);
  registerKeygenCommand(program, output, guarded);
}
