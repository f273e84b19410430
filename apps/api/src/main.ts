import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '@reorg/config';
import { startApp } from './create-app';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\nThe service did not start.\n`);
    process.exitCode = 1;
    return;
  }
  const app = await startApp({ config });
  app.enableShutdownHooks();
  const logger = new Logger('Main');
  if (config.auth.mode === 'dev') logger.warn('AUTH_MODE=dev: POST /api/v1/auth/dev-token issues tokens to loopback clients');
  logger.log(`listening on ${await app.getUrl()} (event store: ${config.eventStore.kind}); API docs at /docs`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The service failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
