import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '@reorg/config';
import { startNotifierApp } from './create-notifier-app';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\nThe notifier did not start.\n`);
    process.exitCode = 1;
    return;
  }
  const app = await startNotifierApp(config);
  app.enableShutdownHooks();
  new Logger('Main').log(`notifier: Kafka ${config.kafka.brokers.join(',')} → notifications (${config.readModels.kind}); health on ${await app.getUrl()}/health`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The notifier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
