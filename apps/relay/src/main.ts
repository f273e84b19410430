import { runService } from '@reorg/config';
import { startRelayApp } from './create-relay-app';

runService('relay', async (config) => {
  const app = await startRelayApp(config);
  app.enableShutdownHooks();
  return `relay: event store ${config.eventStore.kind} → Kafka ${config.kafka.brokers.join(',')}; health on ${await app.getUrl()}/health`;
});
