import type { EventStore } from '@reorg/event-store';
import { ProblemException } from './problem.exception';

/** One dependency the service needs before it can answer requests. */
export interface ReadinessCheck {
  name: string;
  /** Reported in `errors[].code` when the check fails. */
  failureCode: string;
  /** Resolves with details shown when ready; rejects when not. */
  run(): Promise<Record<string, unknown>>;
  /** Reported, but the service is ready without it (the api's embedded relay: commands never wait for the broker). */
  advisory?: boolean;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export function eventStoreCheck(store: EventStore): ReadinessCheck {
  return {
    name: 'eventStore',
    failureCode: 'EVENT_STORE_UNAVAILABLE',
    run: async () => ({ headPosition: await store.headPosition() }),
  };
}

export type CheckOutcome = { name: string; failureCode: string; up: true; details: Record<string, unknown> } | { name: string; failureCode: string; up: false; error: string };

/** A check that hangs (e.g. a database that stopped answering) counts as down after the timeout. */
export async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const details = await Promise.race([check.run(), timeout]);
    return { name: check.name, failureCode: check.failureCode, up: true, details };
  } catch (error) {
    return { name: check.name, failureCode: check.failureCode, up: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const CHECK_TIMEOUT_MS = 3000;

/** Every app's `/health/ready`: runs the checks, answers their details, or 503 naming each required one down. */
export async function readinessReport(checks: ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<{ status: 'ok'; checks: Record<string, unknown> }> {
  const outcomes = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  const advisory = new Set(checks.filter((check) => check.advisory).map((check) => check.name));
  const down = outcomes.filter((outcome): outcome is Extract<CheckOutcome, { up: false }> => !outcome.up);
  const required = down.filter((outcome) => !advisory.has(outcome.name));
  if (required.length > 0) {
    throw new ProblemException({
      code: 'SERVICE_UNAVAILABLE',
      detail: {
        vi: `Chưa sẵn sàng: ${required.map((o) => o.name).join(', ')} không phản hồi.`,
        en: `Not ready: ${required.map((o) => o.name).join(', ')} not answering.`,
      },
      errors: required.map((o) => ({ path: o.name, code: o.failureCode, detail: o.error })),
    });
  }
  const report = (o: CheckOutcome) => (o.up ? { status: 'up', ...o.details } : { status: 'down', advisory: true, code: o.failureCode, error: o.error });
  return { status: 'ok', checks: Object.fromEntries(outcomes.map((o) => [o.name, report(o)])) };
}
