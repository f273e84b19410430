import { HttpException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { InvalidAppendError, RecordedAtAheadError, VersionConflictError } from '@reorg/event-store';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { isDatabaseUnavailable } from './database-unavailable';
import { localize, type Language, type LocalizedText } from './language';
import { messageText } from './messages';
import { codeForStatus, DETAILS, isProblemCode, PROBLEM_TYPES, type ProblemCode } from './problem-catalogue';
import { problemType, type ProblemDetails, type ProblemItem, type ProblemItemInit } from './problem-details';
import { ProblemException, type ProblemInit } from './problem.exception';
import { zodIssuesToItems } from './zod-issues';

/** Maps an error type of another module to a problem; returns undefined for errors it does not know. */
export type ErrorMapper = (error: unknown) => ProblemInit | undefined;

export interface RenderedProblem {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** A defect: log it with its stack. */
  unexpected: boolean;
}

interface Resolved {
  code: ProblemCode;
  status: number;
  detail?: string | LocalizedText;
  errors?: ProblemItemInit[];
  headers?: Record<string, string>;
  unexpected?: boolean;
}

function zodErrorOf(error: unknown): z.core.$ZodError | undefined {
  if (error instanceof z.core.$ZodError) return error;
  if (error instanceof ZodValidationException) {
    const inner = error.getZodError();
    if (inner instanceof z.core.$ZodError) return inner;
  }
  return undefined;
}

/** A restarting PostgreSQL is usually back within seconds. */
const DATABASE_RETRY_AFTER_SECONDS = '2';

/** Nest's own 404 for a path no controller serves reads "Cannot GET /path". */
const NEST_ROUTE_NOT_FOUND = /^Cannot ([A-Z]+) (\S+)$/;

/**
 * Nest re-throws Fastify's body-parsing errors as HttpException(message, statusCode), dropping the
 * FST_ code; Fastify's own messages identify them again.
 */
const FASTIFY_CODE_BY_MESSAGE = new Map(
  (['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_BODY_TOO_LARGE', 'FST_ERR_CTP_INVALID_MEDIA_TYPE'] as const).map(
    (code) => [new errorCodes[code]().message, code],
  ),
);

function fromHttpException(error: HttpException): Resolved {
  const status = error.getStatus();
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const rawMessage = typeof response === 'string' ? response : body.message;
  const message = Array.isArray(rawMessage) ? rawMessage.join('; ') : typeof rawMessage === 'string' ? rawMessage : undefined;
  const fastifyCode = message === undefined ? undefined : FASTIFY_CODE_BY_MESSAGE.get(message);
  if (fastifyCode) return fromFrameworkError({ statusCode: status, code: fastifyCode, message: message as string });
  const code = isProblemCode(body.code) ? body.code : codeForStatus(status);
  const routeMatch = status === 404 && message ? NEST_ROUTE_NOT_FOUND.exec(message) : null;
  if (routeMatch) return { code, status, detail: DETAILS.routeNotFound(`${routeMatch[1]} ${routeMatch[2]}`) };
  return { code, status, detail: status >= 500 || message === undefined ? undefined : frameworkText(status, message), unexpected: status === 500 };
}

/** A framework's own (English) message: kept in English, a Vietnamese sentence from the catalogue. */
function frameworkText(status: number, english: string): LocalizedText {
  return { vi: messageText('detail.frameworkClientError', { status }).vi, en: english };
}

interface FrameworkError {
  statusCode: number;
  code?: string;
  message: string;
}

/** Fastify's errors (body parsing, limits) carry a 4xx statusCode and an FST_ code. */
function isFrameworkClientError(error: unknown): error is FrameworkError {
  if (!(error instanceof Error)) return false;
  const statusCode = (error as Partial<FrameworkError>).statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

function fromFrameworkError(error: FrameworkError): Resolved {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', status: 413, detail: DETAILS.bodyTooLarge };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, detail: DETAILS.unsupportedMediaType };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'VALIDATION_FAILED', status: 400, detail: DETAILS.malformedJson };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'VALIDATION_FAILED', status: 400, detail: DETAILS.emptyJson };
  }
  if (error instanceof SyntaxError) return { code: 'VALIDATION_FAILED', status: 400, detail: DETAILS.malformedJson };
  return { code: codeForStatus(error.statusCode), status: error.statusCode, detail: frameworkText(error.statusCode, error.message) };
}

function resolve(error: unknown, language: Language, mappers: ErrorMapper[]): Resolved {
  if (error instanceof ProblemException) {
    return { code: error.code, status: error.getStatus(), detail: error.detail, errors: error.errors, headers: error.headers };
  }
  for (const mapper of mappers) {
    const init = mapper(error);
    if (init) return { ...init, status: init.status ?? PROBLEM_TYPES[init.code].status };
  }
  const zodError = zodErrorOf(error);
  if (zodError) {
    return { code: 'VALIDATION_FAILED', status: 400, errors: zodIssuesToItems(zodError.issues, language) };
  }
  if (error instanceof VersionConflictError) return { code: 'VERSION_CONFLICT', status: 409, detail: messageText('detail.versionConflict', { reason: error.message }) };
  if (error instanceof InvalidAppendError) {
    return { code: 'VALIDATION_FAILED', status: 400, detail: error.message, errors: [{ code: error.code, detail: error.message }] };
  }
  if (error instanceof RecordedAtAheadError) {
    return { code: 'RECORDED_AT_AHEAD_OF_CLOCK', status: 503, detail: DETAILS.recordedAtAhead(error.lastRecordedAt, error.now, error.maxSkewMs / 1000) };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isFrameworkClientError(error)) return fromFrameworkError(error);
  if (isDatabaseUnavailable(error)) return { code: 'SERVICE_UNAVAILABLE', status: 503, detail: DETAILS.databaseUnavailable, headers: { 'retry-after': DATABASE_RETRY_AFTER_SECONDS } };
  return { code: 'INTERNAL_ERROR', status: 500, detail: DETAILS.unexpected, unexpected: true };
}

/** The problem details for any thrown value. Internal messages of unexpected errors never reach the client. */
export function toProblem(error: unknown, language: Language, mappers: ErrorMapper[] = []): RenderedProblem {
  const resolved = resolve(error, language, mappers);
  const title = localize(PROBLEM_TYPES[resolved.code].title, language);
  const fallbackDetail = resolved.code === 'INTERNAL_ERROR' ? DETAILS.unexpected : title;
  const errors = resolved.errors?.map((item): ProblemItem => ({ ...item, detail: localize(item.detail, language) }));
  const problem: ProblemDetails = {
    type: problemType(resolved.code),
    title,
    status: resolved.status,
    detail: localize(resolved.detail ?? (errors?.length ? errorsSummary(errors) : fallbackDetail), language),
    code: resolved.code,
    ...(errors?.length ? { errors } : {}),
  };
  return { problem, headers: resolved.headers ?? {}, unexpected: resolved.unexpected ?? false };
}

function errorsSummary(errors: ProblemItem[]): string {
  return errors.map((item) => (item.path ? `${item.path}: ${item.detail}` : item.detail)).join('; ');
}
