import { readFileSync } from 'node:fs';
import type { AppConfig } from '@reorg/config';
import type { VerificationReport } from '@reorg/event-store';
import { type CheckpointVerification, parseCheckpoint, verifyAgainstCheckpoint, verifyLog } from '@reorg/event-store/audit';
import type { Command } from 'commander';
import type { CliOutput } from '../rebuild/rebuild.command';
import { AuditCommandError, type GuardedAction, openAuditedStore, trustedPublicKey } from './audit-store';
import { walkProgressReporter } from './walk-progress';

export interface VerifyOptions {
  against?: string;
  publicKey?: string;
  json?: boolean;
}

function readCheckpointFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuditCommandError(`cannot read the checkpoint ${file}: ${(error as Error).message}`);
  }
}

function summary(report: VerificationReport | CheckpointVerification): string[] {
  const lines = [`${report.events} events in ${report.streams} streams: ${report.ok ? 'both hash chains and every stream head verify' : 'VERIFICATION FAILED'}`];
  if ('checkpoint' in report) {
    const { checkpoint } = report;
    lines.push(`checkpoint of ${checkpoint.createdAt} at position ${checkpoint.position} (key ${checkpoint.keyId}): ${checkpoint.extended ? 'the store extends it' : 'the store does NOT extend it'}`);
  }
  for (const failure of report.failures) lines.push(`broken: stream ${failure.streamId || '(none)'} version ${failure.version} at position ${failure.position}: ${failure.reason}`);
  return lines;
}

/** Verifies the chains (and, with a checkpoint, that the store extends it); `ok` false sets exit code 1. */
export async function runVerify(config: AppConfig, options: VerifyOptions, output: CliOutput): Promise<VerificationReport | CheckpointVerification> {
  const checkpoint = options.against === undefined ? undefined : parseCheckpoint(readCheckpointFile(options.against));
  const publicKey = checkpoint ? trustedPublicKey(config, options.publicKey) : undefined;
  const store = await openAuditedStore(config);
  const progress = walkProgressReporter('verify');
  let report: VerificationReport | CheckpointVerification;
  try {
    const onProgress = progress.update.bind(progress);
    report = checkpoint && publicKey ? await verifyAgainstCheckpoint(store, checkpoint, publicKey, { onProgress }) : (await verifyLog(store, { onProgress })).report;
  } finally {
    progress.stop();
    await store.close();
  }
  if (options.json) output.line(JSON.stringify(report, null, 2));
  else summary(report).forEach((line) => output.line(line));
  if (!report.ok) process.exitCode = 1;
  return report;
}

export function registerVerifyCommand(program: Command, config: () => AppConfig, output: CliOutput, guarded: GuardedAction): void {
  program
    .command('verify')
    .description('walk the per-stream and global hash chains and the stream heads; report the first broken link (exit code 1)')
    .option('--against <checkpoint>', 'a signed checkpoint file: refuse it unless the trusted key signed it, then prove the store still extends it')
    .option('--public-key <file>', 'the trusted public key (SPKI PEM); default AUDIT_PUBLIC_KEY_FILE, else the public half of AUDIT_SIGNING_KEY_FILE')
    .option('--json', 'print the report as JSON')
    .action(guarded(async (options: VerifyOptions) => {
      await runVerify(config(), options, output);
    }));
}
