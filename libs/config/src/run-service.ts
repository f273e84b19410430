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
    process.stderr.write(`The ${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
