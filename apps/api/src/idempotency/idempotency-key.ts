import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '@reorg/auth';
import { ProblemException, messageText } from '@reorg/http';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or undefined when none is sent; a malformed key → 400. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(',') : raw;
  if (!KEY.test(key)) {
    throw new ProblemException({
      code: 'VALIDATION_FAILED',
      errors: [
        {
          path: 'Idempotency-Key',
          code: 'INVALID_IDEMPOTENCY_KEY',
          detail: messageText('http.idempotency.invalidKey'),
        },
      ],
    });
  }
  return key;
}

/** Keys are scoped per caller (`sub`); public routes share one anonymous scope. */
export function idempotencyScopeOf(request: FastifyRequest): string {
  return principalOf(request)?.sub ?? '(anonymous)';
}

/** Same key, same request: method, URL (with its query, e.g. a CSV import's asOf) and body in canonical JSON. */
export function requestFingerprint(request: FastifyRequest): string {
  const body = request.body;
  const text = body === undefined || body === null ? '' : typeof body === 'string' ? body : (canonicalize(body) ?? '');
  return createHash('sha256').update(`${request.method} ${request.url}\n${text}`, 'utf8').digest('hex');
}

/** The event store dedupes commands by this id, so that concurrent repeats of one key append once. */
export function commandIdOf(request: FastifyRequest): string | undefined {
  const key = idempotencyKeyOf(request);
  if (key === undefined) return undefined;
  return `idem-${createHash('sha256').update(`${idempotencyScopeOf(request)}\n${key}`, 'utf8').digest('hex').slice(0, 48)}`;
}
