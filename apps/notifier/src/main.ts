import { runService } from '@reorg/config';
import { startServiceApp } from '@reorg/http';
import { NotifierAppModule } from './notifier-app.module';

runService('notifier', async (config) => {
  const app = await startServiceApp(NotifierAppModule.forRoot(config), config.http.port, config.http.host, config);
  app.enableShutdownHooks();
  return `notifier: Kafka ${config.kafka.brokers.join(',')} → notifications (${config.readModels.kind}); health on ${await app.getUrl()}/health`;
});
