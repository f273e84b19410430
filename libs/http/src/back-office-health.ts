import { Controller, Get, Inject, type InjectionToken, type Provider } from '@nestjs/common';
import { READINESS_CHECKS, type ReadinessCheck, readinessReport } from './readiness';

/**
 * The health routes of every back-office app (approval, projector, relay, notifier): GET /health
 * (the process answers) and GET /health/ready (the checks its module lists with `readinessChecks`).
 * No token: such an app serves nothing else.
 */
@Controller('health')
export class BackOfficeHealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
    return readinessReport(this.checks);
  }
}

/** The readiness checks of an app, built from the providers they need. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each app's factory names its own dependency types
export function readinessChecks(inject: InjectionToken[], build: (...dependencies: any[]) => ReadinessCheck[]): Provider {
  return { provide: READINESS_CHECKS, inject, useFactory: build };
}

/** A projection runner must be running; reports how far behind each of its read models is. */
export function projectionRunnerCheck(name: string, runner: { running: boolean; lag(): Promise<unknown> }): ReadinessCheck {
  return {
    name,
    failureCode: 'PROJECTIONS_NOT_RUNNING',
    run: async () => {
      if (!runner.running) throw new Error('the projection runner is not running');
      return { lag: await runner.lag() };
    },
  };
}
