export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 30_000 };

/** Exponential back-off after the n-th consecutive failure (n ≥ 1), capped. */
export function retryDelay(consecutiveFailures: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(exponent, 30));
}
