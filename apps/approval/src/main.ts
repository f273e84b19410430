import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '@reorg/config';
import { startApprovalApp } from './create-approval-app';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\nThe approval service did not start.\n`);
    process.exitCode = 1;
    return;
  }
  const app = await startApprovalApp(config);
  app.enableShutdownHooks();
  new Logger('Main').log(`approval service: health on ${await app.getUrl()}/health (event store: ${config.eventStore.kind}, time zone ${config.timezone})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The approval service failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
