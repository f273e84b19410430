import { DomainRefusal } from '../shared/violations';

/** A decision as its issuer numbered it, and whether a record of it stands (recorded and not annulled). */
export interface DecisionToRecord {
  issuer: string;
  number: string;
  standing: boolean;
}

const identity = ({ issuer, number }: DecisionToRecord): string => `${issuer.normalize('NFC').trim()}|${number.normalize('NFC').trim()}`.toLocaleUpperCase('vi');

/** A decision number is recorded once per issuer, unless the earlier record was annulled; a batch may not name one twice. */
export function refuseDuplicateDecisions(decisions: readonly DecisionToRecord[]): void {
  const seen = new Set<string>();
  for (const [index, decision] of decisions.entries()) {
    const key = identity(decision);
    if (seen.has(key) || decision.standing) {
      throw new DomainRefusal('DUPLICATE_DECISION', [
        { code: 'DUPLICATE_DECISION', detail: `decision ${decision.number} of ${decision.issuer} is already recorded`, decisionIndex: index, path: `decisions[${index}].number` },
      ]);
    }
    seen.add(key);
  }
}
