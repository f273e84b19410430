import { writeFileSync } from 'node:fs';
import type { AppConfig } from '@reorg/config';
import { type SignedCheckpoint, createCheckpoint } from '@reorg/event-store/audit';
import type { Command } from 'commander';
import type { CliOutput } from '../rebuild/rebuild.command';
import { AuditCommandError, type GuardedAction, openAuditedStore, signingKey } from './audit-store';
import { walkProgressReporter } from './walk-progress';

export interface CheckpointCommandOptions {
  out?: string;
}

/** Verifies the store, signs its state at the last position and prints the checkpoint (or writes it, never over an existing file). */
export async function runCheckpoint(config: AppConfig, options: CheckpointCommandOptions, output: CliOutput): Promise<SignedCheckpoint> {
  const key = signingKey(config);
  const store = await openAuditedStore(config);
  const progress = walkProgressReporter('checkpoint');
  let checkpoint: SignedCheckpoint;
  try {
    checkpoint = await createCheckpoint(store, key, { onProgress: progress.update.bind(progress) });
  } finally {
    progress.stop();
    await store.close();
  }
  const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
  if (options.out === undefined) {
    output.line(text.trimEnd());
    return checkpoint;
  }
  try {
    writeFileSync(options.out, text, { flag: 'wx' });
  } catch (error) {
    throw new AuditCommandError(`cannot write the checkpoint to ${options.out}: ${(error as Error).message}`);
  }
  output.line(`checkpoint at position ${checkpoint.position} over ${checkpoint.heads.length} stream heads, digest ${checkpoint.digest}, key ${checkpoint.keyId}: written to ${options.out}`);
  return checkpoint;
}

export function registerCheckpointCommand(program: Command, config: () => AppConfig, output: CliOutput, guarded: GuardedAction): void {
  program
    .command('checkpoint')
    .description('verify the store, then sign (Ed25519, AUDIT_SIGNING_KEY_FILE) a digest of every stream head and the global hash at the last position')
    .option('--out <file>', 'write the checkpoint to this new file instead of printing it')
    .action(guarded(async (options: CheckpointCommandOptions) => {
      await runCheckpoint(config(), options, output);
    }));
}
