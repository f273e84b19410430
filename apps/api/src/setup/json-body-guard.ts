import type { FastifyInstance } from 'fastify';
import { ProblemException, messageText } from '@reorg/http';

/**
 * No request body of the API nests more than a handful of levels. Deeper JSON is refused before
 * anything walks it: recursive code (canonical JSON for Idempotency-Key fingerprints, validation)
 * would otherwise overflow the stack on a body like `[[[[…]]]]` and answer 500.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonBodyFault = 'JSON_TOO_DEEP' | 'NUMBER_OUT_OF_RANGE';

/**
 * What makes a parsed JSON body unusable whatever the route: nesting over `maxDepth` levels, or a
 * number beyond the double range (`1e309` parses as Infinity, which canonical JSON cannot encode).
 * Iterative, so any depth is safe to inspect.
 */
export function jsonBodyFault(value: unknown, maxDepth: number): JsonBodyFault | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (typeof item === 'number' && !Number.isFinite(item)) return 'NUMBER_OUT_OF_RANGE';
    if (item === null || typeof item !== 'object') continue;
    if (depth > maxDepth) return 'JSON_TOO_DEEP';
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return undefined;
}

const DETAILS = {
  JSON_TOO_DEEP: (limit: number) => messageText('http.json.JSON_TOO_DEEP', { limit }),
  NUMBER_OUT_OF_RANGE: () => messageText('http.json.NUMBER_OUT_OF_RANGE'),
};

/** Refuses such a body with 400 VALIDATION_FAILED before guards, interceptors and pipes see it. */
export function guardJsonBodies(fastify: FastifyInstance, maxDepth = MAX_JSON_DEPTH): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const fault = jsonBodyFault(request.body, maxDepth);
    if (!fault) return done();
    const detail = DETAILS[fault](maxDepth);
    done(new ProblemException({ code: 'VALIDATION_FAILED', detail, errors: [{ code: fault, detail }] }));
  });
}
