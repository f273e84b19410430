import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '@reorg/config';
import { Client } from 'pg';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';
import { PROBLEM_TYPES } from './problem-catalogue';

/** Something a service cannot start without, and which may simply not be there yet (a peer starting beside it). */
export interface StartupDependency {
  name: string;
  failureCode: string;
  /** Resolves once the dependency answers; rejects with the reason otherwise. */
  probe(): Promise<void>;
}

export interface StartupBackoff {
  initialDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_BACKOFF: StartupBackoff = { initialDelayMs: 250, maxDelayMs: 5_000 };

/** The PostgreSQL server and database of EVENT_STORE=postgres (the schema is created by whoever comes first). */
export function startupDependencies(config: AppConfig): StartupDependency[] {
  if (config.eventStore.kind !== 'postgres') return [];
  const { databaseUrl } = config.eventStore;
  return [
    {
      name: 'database',
      failureCode: 'DATABASE_UNAVAILABLE',
      probe: async () => {
        const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
        client.on('error', () => undefined);
        try {
          await client.connect();
          await client.query('SELECT 1');
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    },
  ];
}

/**
 * Waits (capped exponential back-off, never giving up) until every dependency answers, meanwhile
 * answering `/health` 200 and `/health/ready` 503 naming what is missing on host:port, so that an
 * orchestrator sees a starting service rather than a crashed one. Returns the port it held (the one
 * PORT=0 picked), free again for the service itself.
 */
export async function awaitStartupDependencies(
  dependencies: readonly StartupDependency[],
  listen: { port: number; host: string },
  backoff: StartupBackoff = DEFAULT_BACKOFF,
): Promise<number> {
  const missing = new Map<string, { failureCode: string; error: string }>();
  const firstFailures = await probeAll(dependencies, missing);
  if (firstFailures === 0) return listen.port;
  const logger = new Logger('Startup');
  const holding = await holdHealth(listen, missing);
  try {
    for (let attempt = 1; missing.size > 0; attempt += 1) {
      logger.warn(`waiting for ${[...missing].map(([name, reason]) => `${name} (${reason.error})`).join(', ')}; attempt ${attempt}`);
      await sleep(Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** Math.min(20, attempt - 1)));
      await probeAll(dependencies, missing);
    }
    logger.log(`${dependencies.map((dependency) => dependency.name).join(', ')} answering; starting`);
    return (holding.address() as AddressInfo).port;
  } finally {
    await new Promise<void>((resolve) => holding.close(() => resolve()));
  }
}

async function probeAll(dependencies: readonly StartupDependency[], missing: Map<string, { failureCode: string; error: string }>): Promise<number> {
  await Promise.all(
    dependencies.map(async (dependency) => {
      try {
        await dependency.probe();
        missing.delete(dependency.name);
      } catch (error) {
        missing.set(dependency.name, { failureCode: dependency.failureCode, error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return missing.size;
}

async function holdHealth(listen: { port: number; host: string }, missing: ReadonlyMap<string, { failureCode: string; error: string }>): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ status: 'starting' }));
      return;
    }
    const names = [...missing.keys()].join(', ');
    const problem: ProblemDetails = {
      type: problemType('SERVICE_UNAVAILABLE'),
      title: PROBLEM_TYPES.SERVICE_UNAVAILABLE.title.en,
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      detail: `Starting: waiting for ${names}.`,
      errors: [...missing].map(([name, reason]) => ({ path: name, code: reason.failureCode, detail: reason.error })),
    };
    response.writeHead(503, { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '1' }).end(JSON.stringify(problem));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  return server;
}
