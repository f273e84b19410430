import type { LocalizedText } from './language';

/** One item of `errors`: which field, row, decision or operation, and why. */
export interface ProblemItem {
  path?: string;
  row?: number;
  decisionIndex?: number;
  operationIndex?: number;
  code: string;
  /** In the request's language (Vietnamese by default), from the message catalogue. */
  detail: string;
  /** The law the rule comes from, e.g. "Decree 120/2020/ND-CP, art. 5.2, as amended by Decree 283/2025/ND-CP". */
  legalSource?: { vi: string; en: string };
}

/** An item as thrown: its detail in every language (rendered in the request's) or, for text that is not ours, as is. */
export type ProblemItemInit = Omit<ProblemItem, 'detail'> & { detail: string | LocalizedText };

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
