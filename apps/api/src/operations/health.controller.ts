import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@reorg/auth';
import { ApiProblemResponses, READINESS_CHECKS, type ReadinessCheck, readinessReport } from '@reorg/http';

/** What GET /health answers. Fastify answers it directly (setup/liveness.ts); `live()` documents the route. */
export const liveness = (): { status: 'ok' } => ({ status: 'ok' });

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
    return liveness();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the event store (and every other registered dependency) answers' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, checks: { type: 'object' } } } })
  @ApiProblemResponses(503)
  ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    return readinessReport(this.checks).catch((problem: unknown) => {
      this.logger.warn(`not ready: ${problem instanceof Error ? problem.message : String(problem)}`);
      throw problem;
    });
  }
}
