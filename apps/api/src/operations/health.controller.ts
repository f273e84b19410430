import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@reorg/auth';
import { ApiProblemResponses, ProblemException } from '@reorg/http';
import { READINESS_CHECKS, runCheck, type ReadinessCheck } from './readiness';

const CHECK_TIMEOUT_MS = 3000;

@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Readiness');

  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the event store (and every other registered dependency) answers' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, checks: { type: 'object' } } } })
  @ApiProblemResponses(503)
  async ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    const outcomes = await Promise.all(this.checks.map((check) => runCheck(check, CHECK_TIMEOUT_MS)));
    const down = outcomes.filter((outcome) => !outcome.up);
    if (down.length > 0) {
      this.logger.warn(`not ready: ${down.map((o) => `${o.name} (${o.up ? '' : o.error})`).join(', ')}`);
      throw new ProblemException({
        code: 'SERVICE_UNAVAILABLE',
        detail: {
          vi: `Chưa sẵn sàng: ${down.map((o) => o.name).join(', ')} không phản hồi.`,
          en: `Not ready: ${down.map((o) => o.name).join(', ')} not answering.`,
        },
        errors: down.map((o) => ({ path: o.name, code: o.failureCode, detail: o.up ? '' : o.error })),
      });
    }
    return {
      status: 'ok',
      checks: Object.fromEntries(outcomes.map((o) => [o.name, { status: 'up', ...(o.up ? o.details : {}) }])),
    };
  }
}
