import { createHash } from 'node:crypto';
import { codeKey } from '@reorg/domain';

const digest = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 40);

/** Stream names (docs/architecture.md#the-event-store): one stream per unit, body, proposal and decision. */
export const Streams = {
  unit: (unitId: string) => `unit-${unitId}`,
  body: (bodyId: string) => `body-${bodyId}`,
  proposal: (proposalId: string) => `proposal-${proposalId}`,
  /** One stream per issuer and number, holding every year's decision of that number (numbers restart yearly). */
  decision: (issuer: string, number: string) => `decision-${digest(`${codeKey(issuer)}|${codeKey(number)}`)}`,
  /** Reservation streams make codes unique by construction: creating one expects no stream. */
  unitCode: (code: string) => `unitcode-${digest(codeKey(code))}`,
  bodyCode: (code: string) => `bodycode-${digest(codeKey(code))}`,
};

/** Issuer + number + year of the decision date (the domain's decision identity). */
export { decisionKey } from '@reorg/domain';
