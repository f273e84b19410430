import type { AppConfig } from '@reorg/config';
import { AuditKeyError, CheckpointRefused } from '@reorg/event-store/audit';
import type { Command } from 'commander';
import { exitCodeGuard } from '../exit-codes';
import type { CliOutput } from '../rebuild/rebuild.command';
import { AuditCommandError } from './audit-store';
import { registerCheckpointCommand } from './checkpoint.command';
import { registerKeygenCommand } from './keygen.command';
import { registerVerifyCommand } from './verify.command';

/** Exit codes: 1 the store or checkpoint does not verify (or a checkpoint is refused), 2 the command could not run. */
const guarded = exitCodeGuard({ refused: CheckpointRefused, cannotRun: [AuditKeyError, AuditCommandError] });

/** verify, checkpoint and audit-keygen. */
export function registerAuditCommands(program: Command, config: () => AppConfig, output: CliOutput): void {
  registerVerifyCommand(program, config, output, guarded);
  registerCheckpointCommand(program, config, output, guarded);
  registerKeygenCommand(program, output, guarded);
}
