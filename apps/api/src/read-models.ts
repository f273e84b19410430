import type { AppConfig } from '@reorg/config';
import type { Projection } from '@reorg/projections';
import { messagingProjections } from './messaging';
import { PROPOSAL_PROJECTIONS } from './proposals';
import { REGISTER_PROJECTIONS } from './register';
import { REPORT_PROJECTIONS } from './reports';
import { UNIT_PROJECTIONS } from './units';

/** The read models the api queries; projected in the api itself or, with PROJECTIONS_RUNTIME=off, by apps/projector. */
export function apiReadModels(config: AppConfig): Projection[] {
  return [...REGISTER_PROJECTIONS, ...UNIT_PROJECTIONS, ...REPORT_PROJECTIONS, ...PROPOSAL_PROJECTIONS, ...messagingProjections(config)];
}
