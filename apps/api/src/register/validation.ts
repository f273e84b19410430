import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ProblemException, type ProblemItem, preferredLanguage, zodIssuesToItems } from '@reorg/http';

/** `errors[]` positions from a path: `decisions[d].operations[o]...` and `units[r]...` (rows are 1-based). */
export function positionsOf(path: readonly PropertyKey[]): Pick<ProblemItem, 'decisionIndex' | 'operationIndex' | 'row'> {
  const at = (i: number) => (typeof path[i] === 'number' ? (path[i] as number) : undefined);
  if (path[0] === 'units' && at(1) !== undefined) return { row: (at(1) as number) + 1 };
  if (path[0] !== 'decisions' || at(1) === undefined) return {};
  return { decisionIndex: at(1), ...(path[2] === 'operations' && at(3) !== undefined ? { operationIndex: at(3) } : {}) };
}

/** Parses with the schema; a failure → 400 VALIDATION_FAILED naming each field, with row / decision / operation indexes. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown, request: FastifyRequest): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const language = preferredLanguage(request.headers['accept-language']);
  const items = zodIssuesToItems(result.error.issues, language);
  throw new ProblemException({
    code: 'VALIDATION_FAILED',
    errors: items.map((item, i) => ({ ...item, ...positionsOf(result.error.issues[i].path) })),
  });
}
