import type { LocalizedText } from './language';
import { messageText } from './messages';

/** The problem codes (docs/http-contract.md#problem-details) and their usual status; titles are in the message catalogue (`problem.<code>`). */
const PROBLEM_STATUSES = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SEGREGATION_OF_DUTIES: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  STEP_NOT_PENDING: 409,
  STALE_DOSSIER: 409,
  DUPLICATE_CODE: 409,
  DUPLICATE_DECISION: 409,
  INVALID_STATE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  REQUEST_TIMEOUT: 408,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  PRECONDITION_REQUIRED: 428,
  REQUEST_HEADERS_TOO_LARGE: 431,
  TOO_MANY_REQUESTS: 429,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  RECORDED_AT_AHEAD_OF_CLOCK: 503,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

/** Each code's status and title in every language. */
export const PROBLEM_TYPES = Object.fromEntries(
  Object.entries(PROBLEM_STATUSES).map(([code, status]) => [code, { status, title: messageText(`problem.${code}`) }]),
) as { [C in keyof typeof PROBLEM_STATUSES]: { status: (typeof PROBLEM_STATUSES)[C]; title: LocalizedText } };

export type ProblemCode = keyof typeof PROBLEM_TYPES;

export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.hasOwn(PROBLEM_TYPES, code);
}

/** The code for a bare HTTP status (an HttpException or a framework error that names no code). */
export function codeForStatus(status: number): ProblemCode {
  const byStatus: Record<number, ProblemCode> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    406: 'NOT_ACCEPTABLE',
    408: 'REQUEST_TIMEOUT',
    409: 'CONFLICT',
    412: 'PRECONDITION_FAILED',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    422: 'RULE_VIOLATION',
    428: 'PRECONDITION_REQUIRED',
    429: 'TOO_MANY_REQUESTS',
    431: 'REQUEST_HEADERS_TOO_LARGE',
    503: 'SERVICE_UNAVAILABLE',
  };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
}

/** Default details, used when the error itself carries none meant for clients (texts: the message catalogue's `detail.*`). */
export const DETAILS = {
  malformedJson: messageText('detail.malformedJson'),
  emptyJson: messageText('detail.emptyJson'),
  bodyTooLarge: messageText('detail.bodyTooLarge'),
  unsupportedMediaType: messageText('detail.unsupportedMediaType'),
  missingContentType: messageText('detail.missingContentType'),
  headersTooLarge: messageText('detail.headersTooLarge'),
  requestTimeout: messageText('detail.requestTimeout'),
  malformedRequest: messageText('detail.malformedRequest'),
  routeNotFound: (route: string): LocalizedText => messageText('detail.routeNotFound', { route }),
  databaseUnavailable: messageText('detail.databaseUnavailable'),
  recordedAtAhead: (lastRecordedAt: string, now: string, maxSkewSeconds: number): LocalizedText =>
    messageText('detail.recordedAtAhead', { lastRecordedAt, now, maxSkewSeconds }),
  unexpected: messageText('detail.unexpected'),
} as const;
