import type { Projection } from '@reorg/projections';
import { approvalInboxProjection } from './approval/inbox.projection';
import { proposalsProjection } from './proposals/proposals.projection';
import { governingBodiesProjection } from './governing-bodies/governing-bodies.projection';
import { reportChangesProjection } from './reports/report-changes.projection';
import { unitsProjection } from './units/units.projection';

/**
 * The register's read models: the api queries them; the api (embedded) or apps/projector
 * (PROJECTIONS_RUNTIME=off) projects them; `cli rebuild` rebuilds them.
 */
export const REGISTER_READ_MODELS: readonly Projection[] = [governingBodiesProjection, unitsProjection, reportChangesProjection, proposalsProjection, approvalInboxProjection];
