export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 250, maxDelayMs: 15_000 };

/** Exponential back-off after the n-th consecutive failure (n ≥ 1), capped. */
export function backoffDelay(consecutiveFailures: number, policy: BackoffPolicy): number {
  const exponent = Math.min(30, Math.max(0, consecutiveFailures - 1));
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
