/**
 * Delay before retry `attempt` (1-based): exponential with "full jitter" (AWS Architecture Blog,
 * "Exponential Backoff and Jitter"), capped. The retry itself is durable (a next-attempt time on a
 * database row), which is why this is a formula and not an in-process retry library.
 */
export function backoffDelayMs(
  attempt: number,
  {
    baseMs = 1_000,
    capMs = 5 * 60_000,
    random = Math.random,
  }: { baseMs?: number; capMs?: number; random?: () => number } = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  // Half fixed, half random: never 0, never in lock-step with other rows.
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
