import { type IsoDate, yearOf } from '../shared/calendar';
import { DomainRefusal } from '../shared/violations';
import { decisionKey } from './decision-identity';

/** A decision as its issuer numbered and dated it, and whether a record of it stands (recorded and not annulled). */
export interface DecisionToRecord {
  issuer: string;
  number: string;
  date: IsoDate;
  standing: boolean;
}

/**
 * A decision number is recorded once per issuer and year (numbers restart every year), unless the earlier
 * record was annulled; a batch may not name one twice.
 */
export function refuseDuplicateDecisions(decisions: readonly DecisionToRecord[]): void {
  const seen = new Set<string>();
  for (const [index, decision] of decisions.entries()) {
    const key = decisionKey(decision.issuer, decision.number, decision.date).toLocaleUpperCase('vi');
    if (seen.has(key) || decision.standing) {
      const year = yearOf(decision.date);
      throw new DomainRefusal('DUPLICATE_DECISION', [
        {
          code: 'DUPLICATE_DECISION',
          detail: `decision ${decision.number} of ${decision.issuer} of ${year} is already recorded (a number is unique per issuer and year)`,
          params: { number: decision.number, issuer: decision.issuer, year },
          decisionIndex: index,
          path: `decisions[${index}].number`,
        },
      ]);
    }
    seen.add(key);
  }
}
