import type { GuardedAction } from './audit/audit-store';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Wraps command actions so that expected failures end the process with a message and an exit code
 * instead of a stack: 1 for a refusal (the data does not verify), 2 for a command that could not run.
 * Anything else is a defect and is rethrown.
 */
export function exitCodeGuard(classes: { refused: ErrorClass; cannotRun: ErrorClass[] }): GuardedAction {
  return (action) =>
    async (...args) => {
      try {
        await action(...args);
      } catch (error) {
        const refused = error instanceof classes.refused;
        if (!refused && !classes.cannotRun.some((type) => error instanceof type)) throw error;
        process.stderr.write(`${refused ? 'refused' : 'error'}: ${(error as Error).message}\n`);
        process.exitCode = refused ? 1 : 2;
      }
    };
}
