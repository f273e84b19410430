import type { IncomingHttpHeaders } from 'node:http';
import { Body, Controller, Get, HttpCode, Logger, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { LevelWithSilent } from 'pino';
import { createRootLogger, logRequests, pinoLoggerModule, REDACTED, rootLoggerOf } from './request-logging';

type Line = Record<string, unknown> & { level: number; msg: string; req?: Record<string, unknown>; res?: Record<string, unknown>; responseTime?: unknown; context?: string };

@Controller()
class LoggingController {
  private readonly logger = new Logger('Handler');

  @Get('plain')
  plain(): { ok: true } {
    return { ok: true };
  }

  @Get('chatty')
  chatty(): { ok: true } {
    this.logger.warn('from a GET handler');
    return { ok: true };
  }

  /** Logs after an await, once the body was read from the socket (outside the store entered on onRequest). */
  @Post('chatty')
  @HttpCode(200)
  async chattyPost(@Body() body: { word: string; padding: string }): Promise<{ ok: true }> {
    await new Promise((resolve) => setImmediate(resolve));
    this.logger.warn(`from a POST handler: ${body.word}`);
    return { ok: true };
  }

  @Get('broken')
  broken(): never {
    throw new Error('a defect');
  }

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

/** A real Nest application on Fastify, logging as the api and the services do, its lines captured. */
async function startLoggingApp(level: LevelWithSilent): Promise<{ app: NestFastifyApplication; url: string; lines: Line[] }> {
  const lines: Line[] = [];
  const root = createRootLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  @Module({ imports: [pinoLoggerModule(root)], controllers: [LoggingController] })
  class LoggingModule {}
  const app = await NestFactory.create<NestFastifyApplication>(LoggingModule, new FastifyAdapter({ skipMiddie: true, genReqId: (request: { headers: IncomingHttpHeaders }) => `req-${String(request.headers['x-word'] ?? Math.random().toString(36).slice(2))}` }), { logger: false });
  app.useLogger(app.get(PinoNestLogger));
  logRequests(app.getHttpAdapter().getInstance(), rootLoggerOf(app));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), lines };
}

/** The access line of a request: written once the response went out, so waited for. */
async function accessLineFor(lines: Line[], path: string): Promise<Line> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const line = lines.find((candidate) => candidate.req?.url === path && candidate.res !== undefined);
    if (line) return line;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no access line for ${path} in ${JSON.stringify(lines)}`);
}

describe('request logging without pino-http (real Nest on Fastify, real HTTP)', () => {
  describe('at info', () => {
    let running: Awaited<ReturnType<typeof startLoggingApp>>;
    beforeAll(async () => {
      running = await startLoggingApp('info');
    });
    afterAll(async () => {
      await running.app.close();
    });

    it('writes one access line per request with the request id, method, URL, status and response time; authorization and cookie redacted', async () => {
      const response = await fetch(`${running.url}/plain?x=1`, { headers: { authorization: 'Bearer secret-token', cookie: 'session=secret-cookie', 'x-trace': 'kept' } });
      expect(response.status).toBe(200);
      const line = await accessLineFor(running.lines, '/plain?x=1');
      expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/plain?x=1', headers: { authorization: REDACTED, cookie: REDACTED, 'x-trace': 'kept' } }, res: { statusCode: 200 } });
      expect(line.req?.id).toMatch(/^req-/);
      expect(typeof line.responseTime).toBe('number');
      expect(typeof line.req?.remoteAddress).toBe('string');
      expect(JSON.stringify(running.lines)).not.toMatch(/secret-token|secret-cookie/);
      expect(running.lines.filter((candidate) => candidate.req?.url === '/plain?x=1')).toHaveLength(1);
    });

    it('logs a 5xx answer at error as "request errored"', async () => {
      expect((await fetch(`${running.url}/broken`)).status).toBe(500);
      expect(await accessLineFor(running.lines, '/broken')).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 500 } });
    });

    it('writes no access line for /health, /health/ready or /metrics', async () => {
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
      expect((await fetch(`${running.url}/health?probe=1`)).status).toBe(200);
      await fetch(`${running.url}/metrics`);
      // The marker was asked for after them, so their lines would be there by now.
      expect((await fetch(`${running.url}/plain?after=health`)).status).toBe(200);
      await accessLineFor(running.lines, '/plain?after=health');
      expect(running.lines.filter((line) => String(line.req?.url).startsWith('/health') || String(line.req?.url).startsWith('/metrics'))).toEqual([]);
    });
  });

  describe('at warn (nothing but what the handlers log)', () => {
    let running: Awaited<ReturnType<typeof startLoggingApp>>;
    beforeAll(async () => {
      running = await startLoggingApp('warn');
    });
    afterAll(async () => {
      await running.app.close();
    });

    it('writes no access line, and a line a GET handler logs carries the request id, method and URL', async () => {
      const plain = await fetch(`${running.url}/plain`);
      const chatty = await fetch(`${running.url}/chatty`, { headers: { authorization: 'Bearer secret-token' } });
      expect([plain.status, chatty.status]).toEqual([200, 200]);
      const logged = running.lines.filter((line) => line.msg === 'from a GET handler');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 40, context: 'Handler', req: { method: 'GET', url: '/chatty' } });
      expect(logged[0].req?.id).toMatch(/^req-/);
      expect(running.lines.filter((line) => line.res !== undefined)).toEqual([]);
      expect(JSON.stringify(running.lines)).not.toContain('secret-token');
    });

    it('a line logged after the body was read (a POST; its later chunks arrive on socket events) carries its own request id, not another request’s', async () => {
      const answers = await Promise.all(
        ['alpha', 'beta', 'gamma'].map((word) => fetch(`${running.url}/chatty`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-word': word }, body: JSON.stringify({ word, padding: 'x'.repeat(600_000) }) })),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      const logged = running.lines.filter((line) => line.msg.startsWith('from a POST handler'));
      expect(logged.map((line) => line.msg).sort()).toEqual(['from a POST handler: alpha', 'from a POST handler: beta', 'from a POST handler: gamma']);
      for (const line of logged) expect(line.req).toEqual({ method: 'POST', url: '/chatty', id: `req-${line.msg.split(': ')[1]}` });
    });
  });
});
