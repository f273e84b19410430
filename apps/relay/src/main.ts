import { runService } from '@reorg/config';
import { startServiceApp } from '@reorg/http';
import { RelayAppModule } from './relay-app.module';

runService('relay', async (config) => {
  const app = await startServiceApp(RelayAppModule.forRoot(config), config.http.port, config.http.host, config);
  app.enableShutdownHooks();
  return `relay: event store ${config.eventStore.kind} → Kafka ${config.kafka.brokers.join(',')}; health on ${await app.getUrl()}/health`;
});
