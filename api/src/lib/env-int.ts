/** @module lib/env-int — reads a positive integer Worker var. */

/** A positive integer from a var, else `fallback` (unset, empty, fractional, zero or junk). */
export function envInt(value: string | undefined, fallback: number): number {
  const n = Number(value)
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback
}
