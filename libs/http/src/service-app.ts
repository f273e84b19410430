import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule } from '@reorg/event-store';
import { Logger, LoggerModule } from 'nestjs-pino';
import { HttpProblemModule } from './http-problem.module';

/** What every back-office service (approval, projector, relay, notifier) starts from: configuration, logs, the event store, problem+json. */
export function serviceFoundation(config: AppConfig): DynamicModule[] {
  return [
    AppConfigModule.forRoot(config),
    LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: false } }),
    EventStoreModule.forRoot({ ...config.eventStore }),
    HttpProblemModule.forRoot(),
  ];
}

/** Builds a service from its root module and serves its health on host:port (0 picks a free port; see app.getUrl()). */
export async function startServiceApp(module: DynamicModule, port: number, host: string): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.listen(port, host);
  return app;
}
