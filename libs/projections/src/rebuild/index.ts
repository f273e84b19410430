export type { BulkFold, BulkFoldFactory, TableRows } from './bulk-fold';
export { type RebuildOptions, type RebuildProgress, type RebuildResult, type RebuildTarget, rebuildProjection } from './rebuild-projection';
