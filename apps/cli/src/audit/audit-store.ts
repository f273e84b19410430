import { existsSync } from 'node:fs';
import type { AppConfig } from '@reorg/config';
import { type EventStore, openEventStore } from '@reorg/event-store';
import { readPublicKey, readSigningKey, publicKeyOf } from '@reorg/event-store/audit';
import type { KeyObject } from 'node:crypto';

/** Wraps a command's action so that known refusals and operational errors end with a message and an exit code. */
export type GuardedAction = <Args extends unknown[]>(action: (...args: Args) => Promise<void>) => (...args: Args) => Promise<void>;

/** An operational problem (missing file, missing setting): exit code 2, unlike a failed verification (1). */
export class AuditCommandError extends Error {}

/** The configured store; a SQLite path that does not exist is refused rather than created empty. */
export async function openAuditedStore(config: AppConfig): Promise<EventStore> {
  const store = config.eventStore;
  if (store.kind === 'sqlite' && !existsSync(store.sqlitePath)) throw new AuditCommandError(`there is no event store at SQLITE_PATH=${store.sqlitePath}`);
  return openEventStore({ ...store });
}

export function signingKey(config: AppConfig): KeyObject {
  if (!config.audit.signingKeyFile) throw new AuditCommandError('signing a checkpoint needs AUDIT_SIGNING_KEY_FILE (an Ed25519 PKCS#8 PEM file; npm run cli -- audit-keygen makes one)');
  return readSigningKey(config.audit.signingKeyFile);
}

/** --public-key, else AUDIT_PUBLIC_KEY_FILE, else the public half of AUDIT_SIGNING_KEY_FILE. */
export function trustedPublicKey(config: AppConfig, file?: string): KeyObject {
  const publicFile = file ?? config.audit.publicKeyFile;
  if (publicFile) return readPublicKey(publicFile);
  if (config.audit.signingKeyFile) return publicKeyOf(readSigningKey(config.audit.signingKeyFile));
  throw new AuditCommandError('verifying against a checkpoint needs the trusted public key: --public-key, AUDIT_PUBLIC_KEY_FILE or AUDIT_SIGNING_KEY_FILE');
}
