/** @module lib/quota — byte quotas configurable by Worker vars (MAX_RECORD_BYTES, MAX_TOTAL_BYTES). */

/**
 * A byte quota from a var, which may only LOWER the default: clients read API_LIMITS as the server's limits,
 * so a higher server value would be unreachable (request bodies are capped) or confusing. Unset, or not a
 * positive integer: the default.
 */
export function byteQuota(value: string | undefined, max: number): number {
  const n = Number(value)
  return value !== undefined && Number.isInteger(n) && n > 0 ? Math.min(n, max) : max
}
