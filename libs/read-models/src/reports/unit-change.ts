import type { OperationType, UnitEvent } from '@reorg/domain';

/** The operation type a unit event carries out (undefined for baseline registrations and annulments). */
export function operationOf(event: UnitEvent): OperationType | undefined {
  switch (event.type) {
    case 'UnitEstablished':
    case 'UnitMerged':
      return event.data.operation;
    case 'UnitDissolved':
      return 'DISSOLVE';
    case 'UnitAbsorbedUnits':
      return 'ABSORB';
    case 'UnitPartSeparated':
      return 'SEPARATE';
    case 'UnitRenamed':
      return 'RENAME';
    case 'UnitTransferred':
      return 'TRANSFER';
    case 'UnitAutonomyChanged':
      return 'CHANGE_AUTONOMY';
    case 'UnitStaffingQuotaChanged':
      return 'CHANGE_STAFFING_QUOTA';
    default:
      return undefined;
  }
}

/** The decision a unit event belongs to; for an annulment, the decision it annuls. */
export function decisionKeyFor(event: UnitEvent): string | undefined {
  if (event.type === 'UnitDecisionAnnulled') return event.data.decisionKey;
  return 'decision' in event.data ? event.data.decision.key : undefined;
}
