import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@reorg/config';
import { RelayAppModule } from './relay-app.module';

/** Builds the relay and serves its health on HOST:PORT (0 picks a free port; see app.getUrl()). */
export async function startRelayApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(RelayAppModule.forRoot(config), new FastifyAdapter(), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.listen(config.http.port, config.http.host);
  return app;
}
