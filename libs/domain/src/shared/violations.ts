/** A legal source as a refusal names it, in both languages of the API. */
export interface LegalSource {
  vi: string;
  en: string;
}

/** What a refusal names (a unit code, a date, a count, a legal source in both languages), for the message catalogue at the edge. */
export type MessageParams = Readonly<Record<string, string | number | readonly string[] | LegalSource>>;

/**
 * A business rule refused the command: `code` is stable (docs/http-contract.md#problem-details), `params` name what it is
 * about and `variant` picks the message when a code has several (the HTTP edge renders `violation.<code>[.<variant>]` of its
 * message catalogue in the request's language, ADR 0021); `detail` is the English text for logs and stored records;
 * `legalSource` names the law the rule comes from.
 */
export interface Violation {
  code: string;
  detail: string;
  params?: MessageParams;
  variant?: string;
  legalSource?: LegalSource;
  path?: string;
  decisionIndex?: number;
  operationIndex?: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; violations: Violation[] };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = <T = never>(...violations: Violation[]): Outcome<T> => ({ ok: false, violations });

/** Thrown by deciders when a command cannot apply; the HTTP edge maps `kind` to a status. */
export class DomainRefusal extends Error {
  constructor(
    readonly kind: 'RULE_VIOLATION' | 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'DUPLICATE_CODE' | 'DUPLICATE_DECISION' | 'PRECONDITION_FAILED' | 'CONFLICT',
    readonly violations: Violation[],
    message?: string,
  ) {
    super(message ?? violations.map((v) => `${v.code}: ${v.detail}`).join('; '));
    this.name = 'DomainRefusal';
  }
}
