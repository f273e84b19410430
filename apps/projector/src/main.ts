import { runService } from '@reorg/config';
import { startServiceApp } from '@reorg/http';
import { ProjectorAppModule } from './projector-app.module';

runService('projector', async (config) => {
  const app = await startServiceApp(ProjectorAppModule.forRoot(config), config.http.port, config.http.host, config);
  app.enableShutdownHooks();
  return `projector: event store ${config.eventStore.kind} → read models (${config.readModels.kind}); health on ${await app.getUrl()}/health`;
});
