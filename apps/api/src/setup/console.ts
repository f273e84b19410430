import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@reorg/config';

/**
 * The console's client-side routes: each answers index.html, and the app routes in the browser.
 * `/signin-callback` is where the OpenID provider sends the browser back with the code (AUTH_MODE=jwt).
 */
export const CONSOLE_ROUTES = ['/', '/sign-in', '/signin-callback', '/proposals', '/proposals/*', '/inbox', '/inbox/*', '/structure', '/units/*', '/report', '/integrity'];

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The project's dist/console: the folder above this file's that holds package.json (from apps/ or from dist/apps/). */
export function defaultConsoleDir(from = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'console');
}

/**
 * Serves the built web console at `/`: hashed files under /assets/ cached for a year, index.html
 * revalidated on every load, and the client routes answered with index.html. API, docs, health and
 * metrics keep their own routes: nothing here is a wildcard at the root. Answers false (and serves
 * nothing) when the console has not been built.
 */
export async function serveConsole(app: NestFastifyApplication, config: AppConfig): Promise<boolean> {
  const root = resolve(config.console.dir ?? defaultConsoleDir());
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE),
  });
  const instance = app.getHttpAdapter().getInstance();
  for (const url of CONSOLE_ROUTES) {
    instance.get(url, (_request, reply) => reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html', root, { cacheControl: false }));
  }
  return true;
}
