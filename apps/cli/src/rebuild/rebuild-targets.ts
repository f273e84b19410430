import type { AppConfig } from '@reorg/config';
import type { BulkFoldFactory, RebuildTarget } from '@reorg/projections/rebuild';
import { GoverningBodiesBulkFold } from '@reorg/read-models/governing-bodies/governing-bodies.bulk-fold';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { ReportChangesBulkFold } from '@reorg/read-models/reports/report-changes.bulk-fold';
import { messagingProjections } from '@reorg/messaging';
import { embeddedApprovalProjections } from '@reorg/register/execution';
import { REGISTER_READ_MODELS } from '@reorg/read-models/catalogue';

/** In-memory folds for the big read models; the others are rebuilt through their own `apply`. */
export const BULK_FOLDS: Record<string, BulkFoldFactory> = {
  'units.v1': () => new UnitsBulkFold(),
  'governing-bodies.v1': () => new GoverningBodiesBulkFold(),
  'reports.unit-changes.v1': () => new ReportChangesBulkFold(),
};

/**
 * Every read model projected from the log, as app.module wires them. Notifications only without Kafka:
 * with it they come from the notifier, not the log, and a rebuild would empty them.
 */
export function rebuildTargets(config: AppConfig): RebuildTarget[] {
  const fromLog = messagingProjections(config.kafka.brokers).filter((projection) => projection.handles === undefined || projection.handles.length > 0);
  const projections = [...REGISTER_READ_MODELS, ...fromLog, ...embeddedApprovalProjections(config)];
  return projections.map((projection) => ({ projection, bulkFold: BULK_FOLDS[projection.name] }));
}
