import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateAuditKeyPair } from '@reorg/event-store/audit';
import type { Command } from 'commander';
import type { CliOutput } from '../rebuild/rebuild.command';
import { AuditCommandError, type GuardedAction } from './audit-store';

export const SIGNING_KEY_FILE_NAME = 'audit-signing-key.pem';
export const PUBLIC_KEY_FILE_NAME = 'audit-public-key.pem';

function writeNew(file: string, text: string, mode: number): void {
  try {
    writeFileSync(file, text, { flag: 'wx', mode });
    chmodSync(file, mode); // the umask may have narrowed or the platform ignored the mode
  } catch (error) {
    throw new AuditCommandError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

/** Writes a new Ed25519 key pair into `dir` (created if needed); never overwrites a key. */
export function runKeygen(dir: string, output: CliOutput): { signingKeyFile: string; publicKeyFile: string; keyId: string } {
  const keys = generateAuditKeyPair();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const signingKeyFile = resolve(join(dir, SIGNING_KEY_FILE_NAME));
  const publicKeyFile = resolve(join(dir, PUBLIC_KEY_FILE_NAME));
  writeNew(signingKeyFile, keys.privateKeyPem, 0o600);
  writeNew(publicKeyFile, keys.publicKeyPem, 0o644);
  output.line(`key id ${keys.keyId}`);
  output.line(`AUDIT_SIGNING_KEY_FILE=${signingKeyFile}   (private, mode 0600; keep it away from the database and its backups)`);
  output.line(`AUDIT_PUBLIC_KEY_FILE=${publicKeyFile}`);
  return { signingKeyFile, publicKeyFile, keyId: keys.keyId };
}

export function registerKeygenCommand(program: Command, output: CliOutput, guarded: GuardedAction): void {
  program
    .command('audit-keygen')
    .description('write a new Ed25519 key pair for signed checkpoints (private key with mode 0600)')
    .requiredOption('--out <dir>', 'directory for audit-signing-key.pem and audit-public-key.pem')
    .action(guarded(async (options: { out: string }) => {
      runKeygen(options.out, output);
    }));
}
