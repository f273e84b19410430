import type { EventStore } from '@reorg/event-store';

/** One dependency the service needs before it can answer requests. */
export interface ReadinessCheck {
  name: string;
  /** Reported in `errors[].code` when the check fails. */
  failureCode: string;
  /** Resolves with details shown when ready; rejects when not. */
  run(): Promise<Record<string, unknown>>;
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
