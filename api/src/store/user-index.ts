/**
 * @module store/user-index — the per-user Durable Object that makes character sync safe on top of KV.
 *
 * KV is the store of record for character bodies, but it is eventually consistent and has no compare-and-swap,
 * so an If-Match check done against KV can pass twice for two racing writers (a lost update). This object is
 * the one place where a user's writes are ordered: it holds the revision index in its SQLite storage
 * (id -> revision, change sequence, bytes, deleted-at) and runs every operation of the user one at a time.
 * Bodies live in KV under IMMUTABLE keys `char:<user>:<id>:<revision>`: a key is written before the index
 * points at it and never changes afterwards, so KV caching can never serve a stale body for a revision; for the
 * same reason this object keeps the bodies it has seen in memory (a cache that can never be stale), so reads
 * and 412 answers cost no KV round trip.
 *
 * It is also where the user's access tokens are revoked (sign-out, sign-out everywhere, refresh-token theft):
 * a strongly consistent answer, given inside the same call a character route makes anyway (docs/api.md,
 * "Where the time goes"), instead of a KV read on every request.
 */
import { DurableObject } from 'cloudflare:workers'
import { API_LIMITS, type CharacterRecord, type Tombstone } from '@facecraft/shared/api'
import type { Character } from '@facecraft/shared/rig'
import type { Env } from '../env.ts'
import { byteQuota } from '../lib/quota.ts'
import { REVOKED, REVOKED_SESSION_MS, type Revoked, type SessionRef } from './revocation.ts'

interface HeadRow extends Record<string, SqlStorageValue> {
  id: string
  revision: number
  seq: number
  updated_at: string
  deleted_at: string | null
  bytes: number
}

/** The outcome of a write, mapped to HTTP by routes/characters.ts. */
export type WriteResult =
  | { status: 'created' | 'updated'; record: CharacterRecord }
  | { status: 'deleted' }
  | { status: 'mismatch'; current: CharacterRecord }
  | { status: 'not-found' }
  | { status: 'quota'; kind: 'count' | 'record-bytes' | 'total-bytes'; message: string }

/** One page of changes after a sequence number. */
export interface ChangePage {
  items: CharacterRecord[]
  tombstones: Tombstone[]
  /** Pass back as `since` for the next page. */
  seq: number
  more: boolean
}

const bodyKey = (userId: string, id: string, revision: number) => `char:${userId}:${id}:${revision}`
const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength

export class UserIndex extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly sql: SqlStorage
  /** Bodies by id, each for the revision it holds (checked against the index before use). */
  private readonly bodies = new Map<string, CharacterRecord>()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`CREATE TABLE IF NOT EXISTS heads (
      id TEXT PRIMARY KEY, revision INTEGER NOT NULL, seq INTEGER NOT NULL UNIQUE,
      updated_at TEXT NOT NULL, deleted_at TEXT, bytes INTEGER NOT NULL)`)
    this.sql.exec('CREATE TABLE IF NOT EXISTS shares (id TEXT PRIMARY KEY, expires_at INTEGER)')
    // Revoked sessions (until all their access tokens expired) and the sign-out-everywhere cutoff.
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS revoked (sid TEXT PRIMARY KEY, until INTEGER NOT NULL)'
    )
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)')
  }

  /** True when tokens of `session` may no longer be used. Synchronous: no other call can interleave. */
  private revoked(session: SessionRef): boolean {
    const cutoff = this.sql
      .exec<{ v: number }>("SELECT v FROM meta WHERE k = 'revoked_through'")
      .toArray()[0]?.v
    // Tokens issued in the cutoff's own second die too: fail closed (the client refreshes a second later).
    if (cutoff !== undefined && session.iat <= cutoff) return true
    return this.sql.exec('SELECT 1 FROM revoked WHERE sid = ?', session.sid).toArray().length > 0
  }

  /**
   * Whether `session` is still good: an access token (iat = its issue time), or a refresh (iat = the session's
   * creation time, so a sign-out everywhere also ends refreshes of older sessions).
   */
  async checkSession(session: SessionRef): Promise<boolean> {
    return !this.revoked(session)
  }

  /** Ends every access token of one session at once (logout, upgrade, refresh-token reuse). */
  async revokeSession(sid: string): Promise<void> {
    const now = Date.now()
    this.sql.exec('DELETE FROM revoked WHERE until < ?', now)
    this.sql.exec(
      'INSERT INTO revoked (sid, until) VALUES (?, ?) ON CONFLICT(sid) DO UPDATE SET until = excluded.until',
      sid,
      now + REVOKED_SESSION_MS
    )
  }

  /** Ends every access token issued up to now, whatever its session (sign-out everywhere). */
  async revokeAll(): Promise<void> {
    this.sql.exec(
      "INSERT INTO meta (k, v) VALUES ('revoked_through', ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v",
      Math.floor(Date.now() / 1000)
    )
  }

  /**
   * Runs `fn` after every earlier operation of this user has finished. Durable Objects interleave requests at
   * every await on outside I/O (our KV calls), so without this chain two writers could both pass the check.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn)
    this.tail = result.catch(() => undefined)
    return result
  }

  private head(id: string): HeadRow | null {
    return this.sql.exec<HeadRow>('SELECT * FROM heads WHERE id = ?', id).toArray()[0] ?? null
  }

  private nextSeq(): number {
    const row = this.sql.exec<{ s: number }>('SELECT COALESCE(MAX(seq), 0) AS s FROM heads').one()
    return row.s + 1
  }

  private async body(userId: string, row: HeadRow): Promise<CharacterRecord> {
    const cached = this.bodies.get(row.id)
    if (cached?.revision === row.revision) return cached
    const record = await this.env.DATA.get<CharacterRecord>(
      bodyKey(userId, row.id, row.revision),
      'json'
    )
    if (!record) throw new Error(`character body missing in KV for revision ${row.revision}`)
    this.bodies.set(row.id, record)
    return record
  }

  /** The live record, or null when absent or deleted. */
  get(session: SessionRef, userId: string, id: string): Promise<CharacterRecord | null | Revoked> {
    return this.serial(async () => {
      if (this.revoked(session)) return REVOKED
      const row = this.head(id)
      return row && !row.deleted_at ? this.body(userId, row) : null
    })
  }

  /** Changes with seq > `since`, oldest first, at most `limit`. */
  list(
    session: SessionRef,
    userId: string,
    since: number,
    limit: number
  ): Promise<ChangePage | Revoked> {
    return this.serial(async () => {
      if (this.revoked(session)) return REVOKED
      const rows = this.sql
        .exec<HeadRow>('SELECT * FROM heads WHERE seq > ? ORDER BY seq LIMIT ?', since, limit + 1)
        .toArray()
      const more = rows.length > limit
      const page = rows.slice(0, limit)
      const live = page.filter((r) => !r.deleted_at)
      const items = await Promise.all(live.map((r) => this.body(userId, r)))
      const tombstones = page
        .filter((r) => r.deleted_at)
        .map((r) => ({ id: r.id, revision: r.revision, deletedAt: r.deleted_at! }))
      const seq = page.length ? page[page.length - 1]!.seq : Math.max(since, this.nextSeq() - 1)
      return { items, tombstones, seq, more }
    })
  }

  /** Creates (`ifMatch` null) or updates (`ifMatch` = the revision the client last saw). */
  put(
    session: SessionRef,
    userId: string,
    id: string,
    ifMatch: number | null,
    name: string,
    character: Character
  ): Promise<WriteResult | Revoked> {
    return this.serial(async () => {
      if (this.revoked(session)) return REVOKED
      const row = this.head(id)
      const live = row && !row.deleted_at ? row : null
      if (ifMatch === null && live)
        return { status: 'mismatch', current: await this.body(userId, live) }
      if (ifMatch !== null && !live) return { status: 'not-found' }
      if (live && live.revision !== ifMatch) {
        return { status: 'mismatch', current: await this.body(userId, live) }
      }
      const record: CharacterRecord = {
        id,
        revision: (row?.revision ?? 0) + 1,
        updatedAt: new Date().toISOString(),
        name,
        character,
      }
      const json = JSON.stringify(record)
      const bytes = utf8Bytes(json)
      const quota = this.checkQuota(live, bytes)
      if (quota) return quota
      // The body is in KV before the index points at it (a crash here leaves only an unreferenced key).
      await this.env.DATA.put(bodyKey(userId, id, record.revision), json)
      this.sql.exec(
        `INSERT INTO heads (id, revision, seq, updated_at, deleted_at, bytes) VALUES (?, ?, ?, ?, NULL, ?)
         ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, seq = excluded.seq,
         updated_at = excluded.updated_at, deleted_at = NULL, bytes = excluded.bytes`,
        id,
        record.revision,
        this.nextSeq(),
        record.updatedAt,
        bytes
      )
      this.bodies.set(id, record)
      if (live) this.dropBody(bodyKey(userId, id, live.revision))
      return { status: live ? 'updated' : 'created', record }
    })
  }

  /**
   * Deletes a superseded body without making the caller wait: nothing reads it any more (the index moved on)
   * and revisions only grow, so its key is never written again. A failed delete only leaves garbage, logged.
   */
  private dropBody(key: string): void {
    this.ctx.waitUntil(
      this.env.DATA.delete(key).catch((err: unknown) =>
        console.error('stale character body not deleted', key, (err as Error).name)
      )
    )
  }

  private checkQuota(live: HeadRow | null, bytes: number): WriteResult | null {
    const maxRecord = byteQuota(this.env.MAX_RECORD_BYTES, API_LIMITS.maxRecordBytes)
    const maxTotal = byteQuota(this.env.MAX_TOTAL_BYTES, API_LIMITS.maxTotalBytes)
    if (bytes > maxRecord) {
      const message = `A character record may hold at most ${maxRecord} bytes (this one has ${bytes}); shorten the name.`
      return { status: 'quota', kind: 'record-bytes', message }
    }
    const totals = this.sql
      .exec<{ n: number; b: number }>(
        'SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS b FROM heads WHERE deleted_at IS NULL'
      )
      .one()
    if (!live && totals.n >= API_LIMITS.maxCharacters) {
      const message = `You have ${totals.n} saved characters, the most an account may keep; delete some first.`
      return { status: 'quota', kind: 'count', message }
    }
    if (totals.b - (live?.bytes ?? 0) + bytes > maxTotal) {
      const message = `Your saved characters would pass ${maxTotal} bytes; delete some first.`
      return { status: 'quota', kind: 'total-bytes', message }
    }
    return null
  }

  /** Deletes, leaving a tombstone (revision + 1) for delta sync. `ifMatch` null deletes unconditionally. */
  remove(
    session: SessionRef,
    userId: string,
    id: string,
    ifMatch: number | null
  ): Promise<WriteResult | Revoked> {
    return this.serial(async () => {
      if (this.revoked(session)) return REVOKED
      const row = this.head(id)
      if (!row || row.deleted_at) return { status: 'not-found' }
      if (ifMatch !== null && row.revision !== ifMatch) {
        return { status: 'mismatch', current: await this.body(userId, row) }
      }
      this.sql.exec(
        'UPDATE heads SET revision = ?, seq = ?, deleted_at = ?, bytes = 0 WHERE id = ?',
        row.revision + 1,
        this.nextSeq(),
        new Date().toISOString(),
        id
      )
      this.bodies.delete(id)
      this.dropBody(bodyKey(userId, id, row.revision))
      return { status: 'deleted' }
    })
  }

  /** Records a new share if the user is under the share quota; false when over it. */
  addShare(shareId: string, expiresAt: number | null): Promise<boolean> {
    return this.serial(async () => {
      this.sql.exec(
        'DELETE FROM shares WHERE expires_at IS NOT NULL AND expires_at < ?',
        Date.now()
      )
      const { n } = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM shares').one()
      if (n >= API_LIMITS.maxShares) return false
      this.sql.exec('INSERT INTO shares (id, expires_at) VALUES (?, ?)', shareId, expiresAt)
      return true
    })
  }

  /** Forgets a share (after the owner deleted it). */
  removeShare(shareId: string): Promise<void> {
    return this.serial(async () => {
      this.sql.exec('DELETE FROM shares WHERE id = ?', shareId)
    })
  }
}
