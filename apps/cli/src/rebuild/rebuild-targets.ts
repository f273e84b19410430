import type { AppConfig } from '@reorg/config';
import type { BulkFoldFactory, RebuildTarget } from '@reorg/projections/rebuild';
import { GoverningBodiesBulkFold } from '@reorg/register/read-models/governing-bodies.bulk-fold';
import { UnitsBulkFold } from '@reorg/register/read-models/units/units.bulk-fold';
import { EmbeddedApprovalRuntime } from '../../../api/src/approval-runtime';
import { messagingProjections } from '../../../api/src/messaging';
import { PROPOSAL_PROJECTIONS } from '../../../api/src/proposals';
import { REGISTER_PROJECTIONS } from '../../../api/src/register';
import { REPORT_PROJECTIONS } from '../../../api/src/reports';
import { UNIT_PROJECTIONS } from '../../../api/src/units';

/** In-memory folds for the big read models; the others are rebuilt through their own `apply`. */
export const BULK_FOLDS: Record<string, BulkFoldFactory> = {
  'units.v1': () => new UnitsBulkFold(),
  'governing-bodies.v1': () => new GoverningBodiesBulkFold(),
};

/**
 * Every read model projected from the log, as app.module wires them. Notifications only without Kafka:
 * with it they come from the notifier, not the log, and a rebuild would empty them.
 */
export function rebuildTargets(config: AppConfig): RebuildTarget[] {
  const fromLog = messagingProjections(config).filter((projection) => projection.handles === undefined || projection.handles.length > 0);
  const projections = [...REGISTER_PROJECTIONS, ...UNIT_PROJECTIONS, ...REPORT_PROJECTIONS, ...PROPOSAL_PROJECTIONS, ...fromLog, ...EmbeddedApprovalRuntime.projections(config)];
  return projections.map((projection) => ({ projection, bulkFold: BULK_FOLDS[projection.name] }));
}
