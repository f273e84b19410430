import compress from '@fastify/compress';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@reorg/config';
import { awaitStartupDependencies, clientErrorHandler, createRootLogger, logRequests, startupDependencies } from '@reorg/http';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { HttpMetrics } from './operations/http-metrics';
import { MAX_ATTACHMENT_BYTES } from './proposals/attachment-upload';
import { serveConsole } from './setup/console';
import { setupDocs } from './setup/docs';
import { frameworkErrors } from './setup/framework-errors';
import { drainRefusedBodies } from './setup/refused-body-drain';
import { guardJsonBodies } from './setup/json-body-guard';
import { guardMediaType } from './setup/media-type-guard';
import { requestId } from './setup/request-id';
import { answerLivenessDirectly } from './setup/liveness';
import { streamingMultipart } from './setup/streaming-multipart';
import { guardTextInput } from './setup/text-input-guard';
import { strictUtf8Bodies } from './setup/utf8-bodies';

/** Request bodies above this answer 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  /** A validated configuration; otherwise read from `env`. */
  config?: AppConfig;
  /** The environment to read the configuration from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Where log lines go (default stdout), e.g. a stream a test reads. */
  logDestination?: DestinationStream;
}

/** Builds and initialises the application without listening (throws ConfigValidationError on bad configuration). */
export async function createApp(options: AppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? AppConfig.fromEnv(options.env ?? process.env);
  const logger = createRootLogger(config.logLevel, options.logDestination);
  // skipMiddie: no Nest middleware (the request logger is on Fastify's hooks, logRequests), so no @fastify/middie per request.
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, genReqId: requestId, frameworkErrors, clientErrorHandler, skipMiddie: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Body parsers are ours (strictUtf8Bodies): Nest's would replace the strict JSON parser at init.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Registered before init so that Nest's error handler still answers Fastify's own errors.
  // reply.compress() for the routes that answer megabytes of JSON (the structure): negotiated by
  // Accept-Encoding, above 1 KiB. Not global: attachments carry a Repr-Digest of their bytes as stored.
  await app.register(compress, { global: false, encodings: ['gzip', 'deflate'], threshold: 1024 });
  await app.register(streamingMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, parts: 20, fields: 10, fieldSize: 10_000, headerPairs: 200 } });
  logRequests(app.getHttpAdapter().getInstance(), logger);
  app.get(HttpMetrics).instrument(app.getHttpAdapter().getInstance());
  answerLivenessDirectly(app.getHttpAdapter().getInstance());
  drainRefusedBodies(app.getHttpAdapter().getInstance());
  guardMediaType(app.getHttpAdapter().getInstance());
  strictUtf8Bodies(app.getHttpAdapter().getInstance());
  guardJsonBodies(app.getHttpAdapter().getInstance());
  guardTextInput(app.getHttpAdapter().getInstance());
  setupDocs(app);
  if (!(await serveConsole(app, config))) app.get(Logger).warn('the web console is not built (npm run build): / answers 404', 'Console');
  await app.init();
  return app;
}

/**
 * Waits for the database (answering 503 on /health/ready meanwhile), then createApp and listen on
 * HOST:PORT from the configuration (PORT=0 picks a free port; see app.getUrl()).
 */
export async function startApp(options: AppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? AppConfig.fromEnv(options.env ?? process.env);
  const port = await awaitStartupDependencies(startupDependencies(config), config.http);
  const app = await createApp({ config, logDestination: options.logDestination });
  await app.listen(port, config.http.host);
  return app;
}
