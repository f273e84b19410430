import { runService } from '@reorg/config';
import { startServiceApp } from '@reorg/http';
import { ApprovalAppModule } from './approval-app.module';

runService('approval service', async (config) => {
  const app = await startServiceApp(ApprovalAppModule.forRoot(config), config.approval.port, config.http.host, config);
  app.enableShutdownHooks();
  return `approval service: health on ${await app.getUrl()}/health (event store: ${config.eventStore.kind}, time zone ${config.timezone})`;
});
