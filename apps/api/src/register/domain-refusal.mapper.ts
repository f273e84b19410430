import { DomainRefusal } from '@reorg/domain';
import { type ErrorMapper, PROBLEM_TYPES, type ProblemCode, isProblemCode, joinedText, violationItem } from '@reorg/http';

const CODE_BY_KIND: Record<DomainRefusal['kind'], ProblemCode> = {
  RULE_VIOLATION: 'RULE_VIOLATION',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'INVALID_STATE',
  DUPLICATE_CODE: 'DUPLICATE_CODE',
  DUPLICATE_DECISION: 'DUPLICATE_DECISION',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  CONFLICT: 'VERSION_CONFLICT',
};

/**
 * The one place refusals become HTTP: RULE_VIOLATION → 422 with one `errors[]` item per broken
 * rule; other kinds by their usual status. A FORBIDDEN or CONFLICT refusal whose violation names a
 * more specific problem of the same status (SEGREGATION_OF_DUTIES, STEP_NOT_PENDING, STALE_DOSSIER)
 * answers with that code. Every item and the `detail` (the items joined) come from the message
 * catalogue, in the request's language, naming what the rule is about.
 */
export const domainRefusalMapper: ErrorMapper = (error) => {
  if (!(error instanceof DomainRefusal)) return undefined;
  let code = CODE_BY_KIND[error.kind];
  const specific = error.violations[0]?.code;
  if (code !== 'RULE_VIOLATION' && isProblemCode(specific) && PROBLEM_TYPES[specific].status === PROBLEM_TYPES[code].status) code = specific;
  const errors = error.violations.map(violationItem);
  return { code, detail: joinedText(errors) ?? PROBLEM_TYPES[code].title, errors };
};
