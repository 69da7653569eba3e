/**
 * @module store/rate-limiter — a Durable Object per rate-limit key (e.g. 'signin-account:<email hash>') holding a
 * sliding log of its recent hits in its own SQLite storage, so the window survives eviction (an in-memory window
 * restarted after ~10 s idle) and holds across every client IP that shares the key.
 *
 * Rules, all in `decide` (store/limiter-rules.ts, pure, unit-tested):
 * - a hit is allowed while fewer than `limit` hits fall in the last window: at most `limit` per ANY window, not per
 *   fixed window (a fixed window lets 2 x limit through around its edge);
 * - every hit is logged, refused ones too: a 429 costs the caller a slot just as a guess does, so hammering keeps
 *   the key closed until it goes quiet for a whole window;
 * - growing delays: each new lock-out ("strike") doubles the window, up to 16x; each quiet window forgives a strike.
 * An alarm deletes the state once the key has been quiet for its longest window.
 */
import { DurableObject } from 'cloudflare:workers'
import { decide, MAX_STRIKES, type HitResult, type LimiterState } from './limiter-rules.ts'

export class RateLimiter extends DurableObject {
  private readonly sql: SqlStorage

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never)
    this.sql = ctx.storage.sql
    this.sql.exec('CREATE TABLE IF NOT EXISTS limiter (k INTEGER PRIMARY KEY, state TEXT NOT NULL)')
  }

  private load(): LimiterState {
    const text = this.sql
      .exec<{ state: string }>('SELECT state FROM limiter WHERE k = 1')
      .toArray()[0]?.state
    try {
      const s = text ? (JSON.parse(text) as LimiterState) : null
      if (s && Array.isArray(s.hits) && Number.isInteger(s.strikes)) return s
    } catch {
      // A corrupt row starts a fresh window (logged): never a 500 on the sign-in path.
      console.error('rate limiter state unreadable; starting a fresh window')
    }
    return { hits: [], strikes: 0 }
  }

  /**
   * Counts one hit; `allowed` is false while `limit` hits already fall in the current window. Synchronous SQLite
   * between two awaits-free statements: concurrent hits on one key are counted exactly.
   */
  async hit(limit: number, windowSeconds: number): Promise<HitResult> {
    const now = Date.now()
    const windowMs = windowSeconds * 1000
    const { state, result } = decide(this.load(), limit, windowMs, now)
    this.sql.exec(
      'INSERT INTO limiter (k, state) VALUES (1, ?) ON CONFLICT(k) DO UPDATE SET state = excluded.state',
      JSON.stringify(state)
    )
    await this.ctx.storage.setAlarm(now + windowMs * 2 ** (MAX_STRIKES + 1))
    return result
  }

  /** Forgets the key's hits (a successful sign-in clears its account's failed attempts). */
  async reset(): Promise<void> {
    this.sql.exec('DELETE FROM limiter')
  }

  /** Runs once the key has been quiet for its longest window: nothing worth keeping is left. */
  override async alarm(): Promise<void> {
    this.sql.exec('DELETE FROM limiter')
  }
}
