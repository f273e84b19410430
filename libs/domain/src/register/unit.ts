import type { IsoDate } from '../shared/calendar';
import type { AutonomyGroup, OperationType, Sector, UnitLevel, UnitSystem } from '../shared/code-lists';
import type { DissolutionGround } from './rule-book';

export interface UnitAttributes {
  code: string;
  name: string;
  system: UnitSystem;
  governingBodyId: string;
  level: UnitLevel;
  sector: Sector;
  autonomyGroup: AutonomyGroup;
  staffingQuota: number;
  publicEmployees?: number;
  contractProfessionalStaff?: number;
  basicEssentialService?: boolean;
  /** The register (province) governing the unit, absent for this register's own province (from its governing body). */
  province?: string;
  /** The former province whose territory the unit serves, absent for this register's own. */
  territory?: string;
}

export type UnitStatus = 'ACTIVE' | 'MERGED' | 'DISSOLVED';

/** The legal basis of a change: a decision, identified by issuer and number. */
export interface DecisionRef {
  key: string;
  number: string;
  date: IsoDate;
  effectiveDate: IsoDate;
  issuer: string;
  signer: string;
}

/** A unit as it stood on a date. */
export interface UnitSnapshot {
  unitId: string;
  attributes: UnitAttributes;
  status: UnitStatus;
  establishedOn: IsoDate;
  endedOn?: IsoDate;
  /** Effective date of the latest change on or before the date asked. */
  validFrom: IsoDate;
  /** Number of changes folded into this snapshot. */
  version: number;
}

interface DecidedChange {
  unitId: string;
  effectiveDate: IsoDate;
  decision: DecisionRef;
  proposalId?: string;
  operationIndex: number;
}

export type UnitEvent =
  | { type: 'UnitRegistered'; data: { unitId: string; attributes: UnitAttributes; effectiveDate: IsoDate; registeredAsOf: IsoDate } }
  | { type: 'UnitEstablished'; data: DecidedChange & { attributes: UnitAttributes; operation: Extract<OperationType, 'ESTABLISH' | 'CONSOLIDATE' | 'DIVIDE' | 'SEPARATE'>; predecessorIds: string[] } }
  | { type: 'UnitMerged'; data: DecidedChange & { operation: Extract<OperationType, 'CONSOLIDATE' | 'ABSORB' | 'DIVIDE'>; successorIds: string[] } }
  | { type: 'UnitDissolved'; data: DecidedChange & { settlementRef?: string; nothingToSettle?: true; ground?: DissolutionGround } }
  | { type: 'UnitAbsorbedUnits'; data: DecidedChange & { sourceIds: string[]; staffingQuota: number; autonomyGroup: AutonomyGroup } }
  | { type: 'UnitPartSeparated'; data: DecidedChange & { newUnitId: string; staffingQuota: number } }
  | { type: 'UnitRenamed'; data: DecidedChange & { name: string; previousName: string } }
  | {
      type: 'UnitTransferred';
      data: DecidedChange & { fromGoverningBodyId: string; toGoverningBodyId: string; fromSystem: UnitSystem; toSystem: UnitSystem; bodyOperation?: 'MERGE_BODIES' | 'SPLIT_BODY' | 'ABOLISH_BODY' };
    }
  /** The unit's province register joined this one (a province merger): it enters the register, it is not created. */
  | { type: 'UnitJoined'; data: DecidedChange & { fromProvince: string } }
  /** The unit moved to a body of another province's register: it leaves this register, it does not end. */
  | { type: 'UnitLeft'; data: DecidedChange & { toProvince: string } }
  | { type: 'UnitAutonomyChanged'; data: DecidedChange & { autonomyGroup: AutonomyGroup; previousAutonomyGroup: AutonomyGroup } }
  | { type: 'UnitStaffingQuotaChanged'; data: DecidedChange & { staffingQuota: number; previousStaffingQuota: number } }
  | { type: 'UnitDecisionAnnulled'; data: { unitId: string; decisionKey: string; effectiveDate: IsoDate; annulment: { number: string; date: IsoDate; reason: string } } };

export type UnitEventType = UnitEvent['type'];
export const UNIT_EVENT_TYPES: readonly UnitEventType[] = [
  'UnitRegistered',
  'UnitEstablished',
  'UnitMerged',
  'UnitDissolved',
  'UnitAbsorbedUnits',
  'UnitPartSeparated',
  'UnitRenamed',
  'UnitTransferred',
  'UnitAutonomyChanged',
  'UnitStaffingQuotaChanged',
  'UnitJoined',
  'UnitLeft',
  'UnitDecisionAnnulled',
];

export function decisionKeyOf(event: UnitEvent): string | undefined {
  return 'decision' in event.data ? event.data.decision.key : undefined;
}

export function endsUnit(event: UnitEvent): boolean {
  return event.type === 'UnitMerged' || event.type === 'UnitDissolved';
}
