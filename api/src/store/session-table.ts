/**
 * @module store/session-table — the refresh sessions of one user, in their UserIndex Durable Object's SQLite
 * storage (the object owns revocation, activity and alarms; this module owns the sessions table and the token
 * rules of lib/refresh-token.ts). Rotation is a compare-and-swap on the session's generation; the previous token
 * refreshes for GRACE_MS after a rotation (to the same new token); an older token the session really issued is a
 * replay (the caller ends the session); a token it never issued is 'invalid' and changes nothing.
 */
import { API_LIMITS } from '@facecraft/shared/api'
import { randomToken } from '../lib/encoding.ts'
import { timingSafeEqual } from '../lib/password.ts'
import { sessionMac } from '../lib/refresh-token.ts'
import type { SessionRef } from './revocation.ts'

interface SessionRow extends Record<string, SqlStorageValue> {
  sid: string
  key: string
  gen: number
  rotated_at: number
  created_at: number
  expires_at: number
  win_start: number
  win_count: number
}

/** The answer to a refresh or a new session: the generation and mac of the token to hand out. */
export type RefreshResult =
  | { status: 'ok'; sessionId: string; generation: number; mac: string }
  | { status: 'invalid' | 'replayed' | 'rate-limited' }

/** How long after a rotation the previous token still refreshes (to the same new token). */
export const GRACE_MS = 30_000
/** Refreshes of one session per minute; a client needs one per 15 minutes (per tab, shared by the grace). */
export const REFRESH_PER_MINUTE = 30
const SESSION_MS = API_LIMITS.refreshTokenSeconds * 1000

/** The sessions table of one user. */
export class SessionTable {
  /**
   * @param sql the Durable Object's storage
   * @param isRevoked whether a session (its id, its creation second) was revoked by the object
   */
  constructor(
    private readonly sql: SqlStorage,
    private readonly isRevoked: (session: SessionRef) => boolean
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS sessions (
      sid TEXT PRIMARY KEY, key TEXT NOT NULL, gen INTEGER NOT NULL, rotated_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, win_start INTEGER NOT NULL DEFAULT 0,
      win_count INTEGER NOT NULL DEFAULT 0)`)
  }

  private row(sid: string): SessionRow | null {
    return (
      this.sql.exec<SessionRow>('SELECT * FROM sessions WHERE sid = ?', sid).toArray()[0] ?? null
    )
  }

  private insert(sid: string, createdAt: number, now: number): Promise<RefreshResult> {
    const key = randomToken(32)
    this.sql.exec(
      'INSERT INTO sessions (sid, key, gen, rotated_at, created_at, expires_at) VALUES (?, ?, 0, ?, ?, ?)',
      sid,
      key,
      now,
      createdAt,
      now + SESSION_MS
    )
    return this.ok(key, sid, 0)
  }

  private async ok(key: string, sid: string, generation: number): Promise<RefreshResult> {
    return { status: 'ok', sessionId: sid, generation, mac: await sessionMac(key, sid, generation) }
  }

  /** Starts a new session (and forgets expired ones). */
  create(now: number): Promise<RefreshResult> {
    this.sql.exec('DELETE FROM sessions WHERE expires_at < ?', now)
    return this.insert(randomToken(12), now, now)
  }

  /**
   * Takes in a first-version session (checked by the caller against its KV record) as generation 0. The same
   * session adopted again within the grace gets the same token (two tabs); later it is a replay.
   */
  async adopt(sid: string, createdAt: number, now: number): Promise<RefreshResult> {
    if (this.isRevoked({ sid, iat: Math.floor(createdAt / 1000) })) return { status: 'invalid' }
    const row = this.row(sid)
    if (!row) return this.insert(sid, createdAt, now)
    if (row.gen === 0 && now - row.rotated_at <= GRACE_MS) return this.ok(row.key, sid, 0)
    return { status: 'replayed' }
  }

  /** The live session `sid` whose token of generation `gen` carries `mac`; null for anything else. */
  private async verified(sid: string, gen: number, mac: string): Promise<SessionRow | null> {
    const row = this.row(sid)
    if (!row) return null
    if (
      row.expires_at <= Date.now() ||
      this.isRevoked({ sid, iat: Math.floor(row.created_at / 1000) })
    ) {
      this.delete(sid)
      return null
    }
    if (gen > row.gen) return null
    const expected = new TextEncoder().encode(await sessionMac(row.key, sid, gen))
    return timingSafeEqual(expected, new TextEncoder().encode(mac)) ? row : null
  }

  /**
   * Refreshes with the token of generation `gen` (see the module header). The UPDATE only applies while the
   * generation is still the one checked, so of two refreshes racing with one token exactly one rotates, and the
   * other, looking again, gets the token that rotation produced. 'replayed': the caller must end the session.
   */
  async refresh(sid: string, gen: number, mac: string): Promise<RefreshResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.verified(sid, gen, mac)
      if (!row) return { status: 'invalid' }
      const now = Date.now()
      const inWindow = now - row.win_start < 60_000
      if (inWindow && row.win_count >= REFRESH_PER_MINUTE) return { status: 'rate-limited' }
      if (gen === row.gen) {
        const swapped = this.sql.exec(
          `UPDATE sessions SET gen = gen + 1, rotated_at = ?, expires_at = ?, win_start = ?, win_count = ?
           WHERE sid = ? AND gen = ?`,
          now,
          now + SESSION_MS,
          inWindow ? row.win_start : now,
          inWindow ? row.win_count + 1 : 1,
          sid,
          gen
        ).rowsWritten
        if (swapped === 0) continue // another refresh rotated first: look again
        return this.ok(row.key, sid, gen + 1)
      }
      if (gen === row.gen - 1 && now - row.rotated_at <= GRACE_MS) {
        this.sql.exec(
          'UPDATE sessions SET win_count = win_count + 1 WHERE sid = ? AND win_start = ?',
          sid,
          row.win_start
        )
        return this.ok(row.key, sid, row.gen)
      }
      // A token this session really issued, two or more rotations ago: someone kept a copy.
      return { status: 'replayed' }
    }
    return { status: 'invalid' }
  }

  /** True when `mac` is one of session `sid`'s real tokens (any generation up to the current one). */
  async isRealToken(sid: string, gen: number, mac: string): Promise<boolean> {
    return (await this.verified(sid, gen, mac)) !== null
  }

  /** Forgets one session. */
  delete(sid: string): void {
    this.sql.exec('DELETE FROM sessions WHERE sid = ?', sid)
  }

  /** Forgets every session. */
  clear(): void {
    this.sql.exec('DELETE FROM sessions')
  }
}
