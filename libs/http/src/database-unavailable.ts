/**
 * Errors that mean the database is not there for now (restarting, crashed, unreachable, out of
 * connections), as node-postgres and TypeORM raise them: the client should retry (503), it is no defect.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// EVENT_STORE_WRITER_STOPPED: the embedded store's writer thread stopped with the append unacknowledged (ADR 0027).
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EVENT_STORE_WRITER_STOPPED']);
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];

/**
 * TypeORM releases a query runner whose connection emitted 'error' (dropped between two statements of
 * a transaction); the transaction's next statement then fails with this instead of the connection error.
 */
const RELEASED_RUNNER = 'QueryRunnerProviderAlreadyReleasedError';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { name, code, message, driverError, cause, errors } = error as ErrorLike;
  if (name === RELEASED_RUNNER) return true;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || NETWORK_CODES.has(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((wrapped) => isDatabaseUnavailable(wrapped, depth + 1));
}
