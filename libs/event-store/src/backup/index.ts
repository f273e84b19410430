export * from './backup-format';
export { type BackupSink, type ReadBackupOptions, type VerifiedBackup, readBackup } from './read-backup';
export { type RestoreOptions, type RestoreSummary, restoreBackup } from './restore-backup';
export { type StoreSnapshot, openSnapshot } from './store-snapshot';
export { type BackupOptions, type BackupSummary, BackupFileError, writeBackup } from './write-backup';
