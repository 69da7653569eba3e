/**
 * @module middleware/rate-limit — fixed-window request limits per key (e.g. client IP + email on sign-in).
 * Past the limit: 429 'rate-limited' with Retry-After. Counting is delegated to a {@link RateCounter}; in the
 * Worker that is the RateLimiter Durable Object (strongly consistent, persisted, a sliding window in which refused
 * hits count too: store/limiter-rules.ts).
 */
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../env.ts'
import { apiError } from '../../errors.ts'

/** Counts one hit on `key` in the current window; says whether it is allowed and when the window ends. */
export type RateCounter = (
  c: Context<AppEnv>,
  key: string,
  limit: number,
  windowSeconds: number
) => Promise<{ allowed: boolean; retryAfter: number }>

export interface RateLimitOptions {
  /** Names the limit in keys, e.g. 'signin'. */
  scope: string
  /** Requests allowed per window (read per request, so it may come from env vars). */
  limit: (c: Context<AppEnv>) => number
  /** The keys to count this request under (all must be under the limit), e.g. [ip, ip + email]. */
  keys: (c: Context<AppEnv>) => string[]
  windowSeconds?: number
  counter?: RateCounter
}

/** The RateLimiter Durable Object of a key (scope included). */
export const durableObjectKey = (c: Context<AppEnv>, key: string) =>
  c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(key))

/** The Durable Object counter used in the Worker. */
export const durableObjectCounter: RateCounter = async (c, key, limit, windowSeconds) =>
  durableObjectKey(c, key).hit(limit, windowSeconds)

/** The 429 for a refused hit. */
export function rateLimited(retryAfter: number) {
  return apiError(429, 'rate-limited', `Too many attempts; try again in ${retryAfter} s.`, {
    headers: { 'Retry-After': String(retryAfter) },
  })
}

/** Counts one hit on `key` (scope included) and throws 429 past `limit` per `windowSeconds`. */
export async function enforceLimit(
  c: Context<AppEnv>,
  key: string,
  limit: number,
  windowSeconds = 60,
  counter: RateCounter = durableObjectCounter
): Promise<void> {
  const { allowed, retryAfter } = await counter(c, key, limit, windowSeconds)
  if (!allowed) throw rateLimited(retryAfter)
}

/** Limits requests per key; see the module header. */
export function rateLimit({
  scope,
  limit,
  keys,
  windowSeconds = 60,
  counter = durableObjectCounter,
}: RateLimitOptions) {
  if (!scope) throw new Error('rateLimit: name a scope')
  if (!(windowSeconds >= 1)) throw new Error('rateLimit: windowSeconds must be >= 1')
  return createMiddleware<AppEnv>(async function rateLimitMiddleware(c, next) {
    const max = limit(c)
    for (const key of keys(c)) await enforceLimit(c, `${scope}:${key}`, max, windowSeconds, counter)
    await next()
  })
}

/** The client's IP as Cloudflare reports it (the header cannot be forged past Cloudflare's edge). */
export const clientIp = (c: Context<AppEnv>): string =>
  c.req.header('cf-connecting-ip') ?? 'unknown'

export { envInt } from '../../lib/env-int.ts'
