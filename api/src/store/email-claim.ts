/**
 * @module store/email-claim — one Durable Object per normalised email (named by its SHA-256, store/users.ts):
 * the single place that decides which account owns an email. KV has no compare-and-swap, so "is it taken?" read
 * from KV let 2-5 simultaneous sign-ups of one email all succeed; here a claim is atomic.
 *
 * A claim starts 'pending' (register and upgrade claim BEFORE writing any account record) and is confirmed once
 * the record is written; a pending claim that was never confirmed (the Worker died in between) may be taken over
 * after PENDING_MS. Emails of accounts made before this object existed are found once in KV's old
 * `email:<email>` index and adopted.
 */
import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env.ts'

/** How long an unconfirmed claim holds an email. */
export const PENDING_MS = 120_000

interface ClaimRow extends Record<string, SqlStorageValue> {
  user_id: string
  confirmed: number
  at: number
}

/** The answer to a claim. */
export type ClaimResult = { status: 'claimed' } | { status: 'taken' }

/** A stored user id (base64url, 16 bytes); anything else in the old KV index is ignored. */
const USER_ID = /^[A-Za-z0-9_-]{22}$/

export class EmailClaim extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private tail: Promise<unknown> = Promise.resolve()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS claim (k INTEGER PRIMARY KEY, user_id TEXT NOT NULL, confirmed INTEGER NOT NULL, at INTEGER NOT NULL)'
    )
  }

  /** One operation at a time: the legacy KV look-up awaits outside I/O, where calls could interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn)
    this.tail = result.catch(() => undefined)
    return result
  }

  private row(): ClaimRow | null {
    return this.sql.exec<ClaimRow>('SELECT * FROM claim WHERE k = 1').toArray()[0] ?? null
  }

  /** The row, adopting the first-version KV index entry for `email` when there is no row yet. */
  private async current(email: string): Promise<ClaimRow | null> {
    const row = this.row()
    if (row) return row
    let legacy: string | null = null
    try {
      legacy = await this.env.DATA.get(`email:${email}`)
    } catch (err) {
      console.error('legacy email index unreadable', (err as Error).name)
    }
    if (!legacy) return null
    if (!USER_ID.test(legacy)) {
      console.error('legacy email index entry is not a user id; ignored')
      return null
    }
    const adopted: ClaimRow = { user_id: legacy, confirmed: 1, at: Date.now() }
    this.write(adopted)
    return adopted
  }

  private write(row: ClaimRow): void {
    this.sql.exec(
      `INSERT INTO claim (k, user_id, confirmed, at) VALUES (1, ?, ?, ?)
       ON CONFLICT(k) DO UPDATE SET user_id = excluded.user_id, confirmed = excluded.confirmed, at = excluded.at`,
      row.user_id,
      row.confirmed,
      row.at
    )
  }

  /** Claims `email` for `userId` (pending): 'taken' when another account holds it. */
  claim(email: string, userId: string): Promise<ClaimResult> {
    return this.serial(async () => {
      const row = await this.current(email)
      const now = Date.now()
      if (row && row.user_id !== userId && (row.confirmed || now - row.at < PENDING_MS)) {
        return { status: 'taken' }
      }
      this.write({
        user_id: userId,
        confirmed: row?.user_id === userId ? row.confirmed : 0,
        at: now,
      })
      return { status: 'claimed' }
    })
  }

  /** Confirms `userId`'s claim once its account record is written. */
  confirm(userId: string): Promise<void> {
    return this.serial(async () => {
      this.sql.exec('UPDATE claim SET confirmed = 1 WHERE k = 1 AND user_id = ?', userId)
    })
  }

  /** Gives up `userId`'s unconfirmed claim (an upgrade that failed after claiming). */
  release(userId: string): Promise<void> {
    return this.serial(async () => {
      this.sql.exec('DELETE FROM claim WHERE k = 1 AND user_id = ? AND confirmed = 0', userId)
    })
  }

  /** The account that owns `email`, or null. */
  owner(email: string): Promise<string | null> {
    return this.serial(async () => {
      const row = await this.current(email)
      return row?.confirmed ? row.user_id : null
    })
  }
}
