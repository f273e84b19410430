import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ProblemException, type ProblemItem, type ProblemItemInit, preferredLanguage, zodIssuesToItems } from '@reorg/http';

/** `errors[]` positions from a path: `decisions[d].operations[o]...` and `units[r]...` (rows are 1-based). */
export function positionsOf(path: readonly PropertyKey[]): Pick<ProblemItem, 'decisionIndex' | 'operationIndex' | 'row'> {
  const at = (i: number) => (typeof path[i] === 'number' ? (path[i] as number) : undefined);
  if (path[0] === 'units' && at(1) !== undefined) return { row: (at(1) as number) + 1 };
  if (path[0] !== 'decisions' || at(1) === undefined) return {};
  return { decisionIndex: at(1), ...(path[2] === 'operations' && at(3) !== undefined ? { operationIndex: at(3) } : {}) };
}

/**
 * Parses with the schema; a failure → 400 VALIDATION_FAILED naming each field, with row / decision /
 * operation indexes. `earlier` problems (a CSV's header and ragged rows) are reported with the schema's, at once.
 */
export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  request: FastifyRequest,
  earlier: ProblemItemInit[] = [],
  alreadyReported: (path: readonly PropertyKey[]) => boolean = () => false,
): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success && earlier.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues.filter((issue) => !alreadyReported(issue.path));
  const language = preferredLanguage(request.headers['accept-language']);
  const items = zodIssuesToItems(issues, language).map((item, i): ProblemItemInit => ({ ...item, ...positionsOf(issues[i].path) }));
  throw new ProblemException({ code: 'VALIDATION_FAILED', errors: [...earlier, ...items] });
}
