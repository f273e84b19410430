import { existsSync } from 'node:fs';
import { verifyLog } from '../audit/verify-log';
import type { WalkProgress } from '../audit/walk-log';
import type { EventStore } from '../event-store.port';
import type { VerificationReport } from '../verify';
import type { BackupHeader } from './backup-format';
import { readBackup } from './read-backup';
import { openRestoreTarget } from './restore-target';
import { BackupFileError } from './write-backup';

export interface RestoreOptions {
  pageSize?: number;
  /** Reading (and writing) the file. */
  onProgress?: (progress: WalkProgress) => void;
  /** The store's own verification after the commit. */
  onVerifyProgress?: (progress: WalkProgress) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  /** The store's verification after the restore, and whether it ended where the backup did. */
  verification: VerificationReport;
  matchesBackup: boolean;
  /** Reading, checking and writing the file, up to the commit. */
  seconds: number;
  verifySeconds: number;
}

/**
 * Restores a backup (ADR 0011) into an empty store: one transaction, committed only once the whole
 * file has been read and verified (gzip, both hash chains, counts, digest); then runs the store's
 * verification. A refusal (BackupRefused) leaves the store as it was.
 */
export async function restoreBackup(store: EventStore, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new BackupFileError(`there is no backup at ${file}`);
  const started = performance.now();
  const target = openRestoreTarget(store);
  await target.begin();
  let header: BackupHeader;
  try {
    const verified = await readBackup(
      file,
      { events: (page) => target.insertEvents(page), commands: (page) => target.insertCommands(page) },
      { pageSize: options.pageSize, onProgress: options.onProgress },
    );
    header = verified.header;
    await target.finish(verified.heads, header.position);
    await target.commit();
  } catch (error) {
    await target.rollback();
    throw error;
  }
  const restored = performance.now();
  const { report, verifier } = await verifyLog(store, { onProgress: options.onVerifyProgress });
  const walked = verifier.snapshot();
  const matchesBackup = report.ok && report.events === header.events && walked.position === header.position && walked.globalHash === header.globalHash;
  return { header, verification: report, matchesBackup, seconds: (restored - started) / 1000, verifySeconds: (performance.now() - restored) / 1000 };
}
