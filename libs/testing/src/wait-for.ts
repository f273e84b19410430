import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a test waits for something that should happen "soon" (a projection catching up, a
 * process starting, a consumer joining its group). Generous on purpose: the suites run beside
 * other work, and a wait that only has to end when its condition holds costs nothing when the
 * machine is idle.
 */
export const PATIENCE_MS = 90_000;

export interface WaitForOptions {
  /** Give up after this long (default PATIENCE_MS). */
  timeoutMs?: number;
  /** Pause between two checks (default 50 ms). */
  intervalMs?: number;
}

/**
 * Checks `condition` until it returns something truthy and returns that; fails naming `what`
 * once `timeoutMs` has passed. Use it instead of fixed sleeps and hand-written polling loops.
 */
export async function waitFor<T>(
  what: string,
  condition: () => T | Promise<T>,
  { timeoutMs = PATIENCE_MS, intervalMs = 50 }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
