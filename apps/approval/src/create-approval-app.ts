import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@reorg/config';
import { ApprovalAppModule } from './approval-app.module';

/** Builds the approval service and listens on HOST:APPROVAL_PORT (0 picks a free port; see app.getUrl()). */
export async function startApprovalApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApprovalAppModule.forRoot(config), new FastifyAdapter(), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.listen(config.approval.port, config.http.host);
  return app;
}
