import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@reorg/config';

const QUIET_PATHS = ['/health', '/health/ready', '/metrics'];

/** Nest's middleware layer rewrites `url` relative to the mounted route; `originalUrl` keeps the path. */
function pathOf(request: IncomingMessage & { originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0];
}

export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      autoLogging: { ignore: (request) => QUIET_PATHS.includes(pathOf(request)) },
    },
  };
}
