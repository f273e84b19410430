import { HttpException } from '@nestjs/common';
import type { LocalizedText } from './language';
import { PROBLEM_TYPES, type ProblemCode } from './problem-catalogue';
import type { ProblemItemInit } from './problem-details';

export interface ProblemInit {
  code: ProblemCode;
  /** Defaults to the code's usual status. */
  status?: number;
  /** Shown to the client; give both languages where the text is ours. Defaults to the title. */
  detail?: string | LocalizedText;
  errors?: ProblemItemInit[];
  headers?: Record<string, string>;
}

/** Throw this anywhere to answer with a specific problem; the global filter renders it. */
export class ProblemException extends HttpException {
  readonly code: ProblemCode;
  readonly detail?: string | LocalizedText;
  readonly errors?: ProblemItemInit[];
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    const status = init.status ?? PROBLEM_TYPES[init.code].status;
    const message = typeof init.detail === 'object' ? init.detail.en : (init.detail ?? init.code);
    super({ code: init.code, message, errors: init.errors }, status);
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
  }
}
