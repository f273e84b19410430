import type { z } from 'zod';

export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Thrown at start-up; its message lists every bad variable, one a line. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(['Invalid configuration (environment variables):', ...problems.map((p) => `  - ${p.variable}: ${p.message}`)].join('\n'));
    this.name = 'ConfigValidationError';
  }

  static fromZod(error: z.ZodError): ConfigValidationError {
    // Messages never echo the received value: some variables hold secrets.
    return new ConfigValidationError(
      error.issues.map((issue) => ({ variable: issue.path.map(String).join('.') || '(environment)', message: issue.message })),
    );
  }
}
