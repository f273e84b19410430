import { runService } from '@reorg/config';
import { startApprovalApp } from './create-approval-app';

runService('approval service', async (config) => {
  const app = await startApprovalApp(config);
  app.enableShutdownHooks();
  return `approval service: health on ${await app.getUrl()}/health (event store: ${config.eventStore.kind}, time zone ${config.timezone})`;
});
