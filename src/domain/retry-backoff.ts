// When a failed webhook delivery is tried again: exponential backoff from a base, capped, with jitter so
// that many deliveries failing together do not retry together.

export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000

/** The delay before the attempt after `failedAttempts` failures (1 = after the first), in milliseconds. */
export function retryDelayMs (failedAttempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.min(failedAttempts - 1, 30), Math.max(MAX_RETRY_DELAY_MS, baseMs))
  // ±25 %: "about" the schedule, never twice in lockstep.
  return Math.round(exponential * (0.75 + random() * 0.5))
}
