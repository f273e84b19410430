import type { Projection } from '@reorg/projections';
import { approvalInboxProjection } from './approval/inbox.projection';
import { proposalsProjection } from './proposals/proposals.projection';
import { governingBodiesProjection } from './read-models/governing-bodies.projection';
import { reportChangesProjection } from './read-models/reports/report-changes.projection';
import { unitsProjection } from './read-models/units/units.projection';

/**
 * The register's read models: the api queries them; the api (embedded) or apps/projector
 * (PROJECTIONS_RUNTIME=off) projects them; `cli rebuild` rebuilds them.
 */
export const REGISTER_READ_MODELS: readonly Projection[] = [governingBodiesProjection, unitsProjection, reportChangesProjection, proposalsProjection, approvalInboxProjection];
