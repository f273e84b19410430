import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoggerModule, PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import { type Store, storage } from 'nestjs-pino/storage';
import { type DestinationStream, type Level, type LevelWithSilent, type Logger, pino } from 'pino';

/** Request headers never written to a log line. */
export const REDACTED_HEADERS = ['authorization', 'cookie'] as const;
export const REDACTED = '[redacted]';

/** Requests that write no access line: probes and scrapes, many a minute, which say nothing. */
export const QUIET_PATHS: readonly string[] = ['/health', '/health/ready', '/metrics'];

/** The process's pino logger: JSON lines on stdout (or `destination`), `authorization` and `cookie` redacted wherever a request's headers are logged. */
export function createRootLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_HEADERS.map((name) => `req.headers.${name}`), censor: REDACTED } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * nestjs-pino as Nest's logger over `logger`, without its per-request middleware (pino-http and an
 * `AsyncLocalStorage.run`, mounted through @fastify/middie): those built a child logger with the
 * serialised, redacted request for every request, logged or not. `logRequests` does their work on
 * Fastify's hooks instead. No Nest middleware is registered (`forRoutes: []`), so the Fastify adapter
 * can run without middie (`skipMiddie`).
 */
export function pinoLoggerModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] });
}

/** The root logger given to `pinoLoggerModule` in this application. */
export function rootLoggerOf(app: INestApplicationContext): Logger {
  const { pinoHttp } = app.get<Params>(PARAMS_PROVIDER_TOKEN);
  if (!pinoHttp || !('logger' in pinoHttp) || !pinoHttp.logger) throw new Error('the application was not built with pinoLoggerModule()');
  return pinoHttp.logger as Logger;
}

/**
 * The request-bound logger nestjs-pino's PinoLogger reads from its AsyncLocalStorage: a child of the
 * root logger with the request's id, method and URL, made only when a line is logged while handling
 * the request (most requests log nothing).
 */
class RequestLogStore implements Store {
  private bound: Logger | undefined;
  responseLogger = undefined;

  constructor(
    private readonly root: Logger,
    private readonly request: FastifyRequest,
  ) {}

  get logger(): Logger {
    this.bound ??= this.root.child({ req: { id: this.request.id, method: this.request.method, url: this.request.url } });
    return this.bound;
  }

  /** PinoLogger.assign() replaces it with a child carrying more fields. */
  set logger(logger: Logger) {
    this.bound = logger;
  }
}

export interface RequestLoggingOptions {
  /** One line per answered request (default true); back-office services, which only answer probes, turn it off. */
  accessLog?: boolean;
  /** Paths (without the query) that write no access line. Default QUIET_PATHS. */
  quietPaths?: readonly string[];
}

/** The access line's request: what pino-http wrote (its `req` serialiser), headers redacted by the root logger. */
function requestFields(request: FastifyRequest): Record<string, unknown> {
  return { id: request.id, method: request.method, url: request.url, headers: request.headers, remoteAddress: request.socket?.remoteAddress, remotePort: request.socket?.remotePort };
}

/**
 * Per request, on Fastify's own hooks:
 * - the request-bound logger: every line logged while handling the request (Nest's Logger through
 *   nestjs-pino) carries `req.id`, `req.method` and `req.url` (the store is entered on `onRequest`,
 *   so the rest of the request, body reading included, runs in it);
 * - one access line when the response is sent (`request completed` at info, `request errored` at
 *   error for 5xx), with `req` (id, method, url, headers with `authorization` and `cookie`
 *   redacted, remote address and port), `res.statusCode` and `responseTime` (ms), as pino-http
 *   wrote; none for QUIET_PATHS, and nothing at all is built when the level does not log it.
 */
export function logRequests(fastify: FastifyInstance, root: Logger, options: RequestLoggingOptions = {}): void {
  const quiet = new Set(options.quietPaths ?? QUIET_PATHS);
  fastify.addHook('onRequest', (request, _reply, done) => storage.run(new RequestLogStore(root, request), done));
  if (options.accessLog === false) return;
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const level: Level = reply.statusCode >= 500 ? 'error' : 'info';
    if (root.isLevelEnabled(level)) {
      const query = request.url.indexOf('?');
      if (!quiet.has(query < 0 ? request.url : request.url.slice(0, query))) {
        root[level]({ req: requestFields(request), res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) }, level === 'error' ? 'request errored' : 'request completed');
      }
    }
    done();
  });
}
