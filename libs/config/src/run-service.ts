import { Logger } from '@nestjs/common';
import { AppConfig } from './app-config';
import { ConfigValidationError } from './config-validation.error';

/**
 * The entry point every app shares: validate the environment (a readable list of bad variables and exit 1),
 * then start; a start-up failure is printed and exits 1 too. `start` returns the line to log once running.
 */
export function runService(name: string, start: (config: AppConfig) => Promise<string>): void {
  const run = async (): Promise<void> => {
    let config: AppConfig;
    try {
      config = AppConfig.fromEnv();
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      process.stderr.write(`${error.message}\nThe ${name} did not start.\n`);
      process.exitCode = 1;
      return;
    }
    new Logger('Main').log(await start(config));
  };
  run().catch((error: unknown) => {
    // A refusal that explains itself (read models of another event store) needs no stack.
    const explained = error instanceof Error && error.name === 'StoreMismatchError';
    const text = error instanceof Error ? (explained ? error.message : (error.stack ?? error.message)) : String(error);
    // Exit even though connections opened before the failure are still open.
    process.stderr.write(`The ${name} failed to start: ${text}\n`, () => process.exit(1));
  });
}
