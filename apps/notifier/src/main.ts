import { runService } from '@reorg/config';
import { startNotifierApp } from './create-notifier-app';

runService('notifier', async (config) => {
  const app = await startNotifierApp(config);
  app.enableShutdownHooks();
  return `notifier: Kafka ${config.kafka.brokers.join(',')} → notifications (${config.readModels.kind}); health on ${await app.getUrl()}/health`;
});
