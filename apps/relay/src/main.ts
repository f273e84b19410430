import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '@reorg/config';
import { startRelayApp } from './create-relay-app';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\nThe relay did not start.\n`);
    process.exitCode = 1;
    return;
  }
  const app = await startRelayApp(config);
  app.enableShutdownHooks();
  new Logger('Main').log(`relay: event store ${config.eventStore.kind} → Kafka ${config.kafka.brokers.join(',')}; health on ${await app.getUrl()}/health`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The relay failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
