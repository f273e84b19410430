import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, AppConfigModule } from '@reorg/config';
import { EventStoreModule } from '@reorg/event-store';
import { Logger } from 'nestjs-pino';
import { HttpProblemModule } from './http-problem.module';
import { createRootLogger, logRequests, pinoLoggerModule, rootLoggerOf } from './request-logging';
import { awaitStartupDependencies, startupDependencies } from './startup-gate';

/** What every back-office service (approval, projector, relay, notifier) starts from: configuration, logs, the event store, problem+json. */
export function serviceFoundation(config: AppConfig): DynamicModule[] {
  return [
    AppConfigModule.forRoot(config),
    pinoLoggerModule(createRootLogger(config.logLevel)),
    EventStoreModule.forRoot({ ...config.eventStore }),
    HttpProblemModule.forRoot(),
  ];
}

/**
 * Waits for the database (answering 503 on /health/ready meanwhile), then builds a service from its
 * root module and serves its health on host:port (0 picks a free port; see app.getUrl()).
 */
export async function startServiceApp(module: DynamicModule, port: number, host: string, config: AppConfig): Promise<NestFastifyApplication> {
  const heldPort = await awaitStartupDependencies(startupDependencies(config), { port, host });
  // No Nest middleware (see pinoLoggerModule), hence no @fastify/middie.
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ skipMiddie: true }), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // No access lines (the services answer probes only), but lines logged while answering carry the request.
  logRequests(app.getHttpAdapter().getInstance(), rootLoggerOf(app), { accessLog: false });
  await app.listen(heldPort, host);
  return app;
}
