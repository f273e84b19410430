/** One item of `errors`: which field, row, decision or operation, and why. */
export interface ProblemItem {
  path?: string;
  row?: number;
  decisionIndex?: number;
  operationIndex?: number;
  code: string;
  detail: string;
}

/** RFC 9457 problem details, as every error response of the API carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemItem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Stable, non-dereferenceable type URIs, one per code: `urn:reorg:problem:version-conflict`. */
export function problemType(code: string): string {
  return `urn:reorg:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
