import { Logger } from '@nestjs/common';
import { runService } from '@reorg/config';
import { startApp } from './create-app';

runService('service', async (config) => {
  const app = await startApp({ config });
  app.enableShutdownHooks();
  if (config.auth.mode === 'dev') new Logger('Main').warn('AUTH_MODE=dev: POST /api/v1/auth/dev-token issues tokens to loopback clients');
  return `listening on ${await app.getUrl()} (event store: ${config.eventStore.kind}); API docs at /docs`;
});
