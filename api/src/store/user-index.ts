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
 *
 * And it holds the user's refresh sessions (store/session-table.ts, lib/refresh-token.ts): rotation is a
 * compare-and-swap on the session's generation, the previous token refreshes for 30 s after a rotation (two tabs
 * share one rotation), an older token the session really issued ends the session (a replay), and one it never
 * issued is refused without side effects. Also here: the per-user write limit, the exclusive marker of an email
 * upgrade, shares counted in the byte quota (and deleted with their character), and the expiry of idle anonymous
 * accounts (an alarm).
 *
 * The parts with a job of their own live beside it: store/stored-record.ts (a body in KV), store/user-tables.ts
 * (the SQLite schema), store/user-quota.ts (stored bytes and quota checks), store/write-window.ts (the write limit)
 * and store/session-table.ts (refresh sessions).
 */
import { DurableObject } from 'cloudflare:workers'
import { API_LIMITS, type CharacterRecord, type Tombstone } from '@facecraft/shared/api'
import type { Character } from '@facecraft/shared/rig'
import type { Env } from '../env.ts'
import { byteQuota } from '../lib/quota.ts'
import { envInt } from '../lib/env-int.ts'
import { REVOKED, REVOKED_SESSION_MS, type Revoked, type SessionRef } from './revocation.ts'
import { SessionTable, type RefreshResult } from './session-table.ts'
import { bodyKey, checkStoredRecord, servedRecord, utf8Bytes } from './stored-record.ts'
import { checkQuota, storedBytes, type QuotaRefusal } from './user-quota.ts'
import { createUserTables, getMeta, setMeta, type HeadRow } from './user-tables.ts'
import { WriteWindow, type RateLimited } from './write-window.ts'

export type { RefreshResult } from './session-table.ts'

/** Default idle time after which an anonymous account and its data are deleted (ANONYMOUS_IDLE_SECONDS). */
export const ANONYMOUS_IDLE_SECONDS = 180 * 24 * 3600
/** An upgrade in progress blocks another for at most this long (a crashed one cannot block forever). */
const UPGRADE_MARKER_MS = 60_000
/** Activity is written at most this often (the idle expiry is counted in days). */
const TOUCH_MS = 10 * 60_000

/** The outcome of a write, mapped to HTTP by routes/characters.ts. */
export type WriteResult =
  | { status: 'created' | 'updated'; record: CharacterRecord }
  | { status: 'deleted' }
  | { status: 'mismatch'; current: CharacterRecord }
  | { status: 'not-found' }
  | QuotaRefusal
  | RateLimited

/** The outcome of recording a share. */
export type ShareResult = 'ok' | 'count' | 'bytes' | 'not-found'

/** One page of changes after a sequence number. */
export interface ChangePage {
  items: CharacterRecord[]
  tombstones: Tombstone[]
  /** Pass back as `since` for the next page. */
  seq: number
  more: boolean
  /** Records of this page whose stored body is missing or unreadable (logged, left out). */
  skipped: number
}

export class UserIndex extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly sql: SqlStorage
  /** Bodies by id as served (servedRecord), each for the revision it holds (checked against the index before use). */
  private readonly bodies = new Map<string, CharacterRecord>()
  /** When activity was last written (see touch). */
  private lastTouch = 0
  /** The user's refresh sessions. */
  private readonly sessions: SessionTable
  /** The per-user write window, in memory (store/write-window.ts). */
  private readonly writes = new WriteWindow()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    createUserTables(this.sql)
    this.sessions = new SessionTable(this.sql, (session) => this.revoked(session))
  }

  /** True when tokens of `session` may no longer be used. Synchronous: no other call can interleave. */
  private revoked(session: SessionRef): boolean {
    const cutoff = this.getMeta('revoked_through')
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

  /** Ends every access token and the refresh token of one session at once (logout, upgrade, replay). */
  async revokeSession(sid: string): Promise<void> {
    const now = Date.now()
    this.sql.exec('DELETE FROM revoked WHERE until < ?', now)
    this.sql.exec(
      'INSERT INTO revoked (sid, until) VALUES (?, ?) ON CONFLICT(sid) DO UPDATE SET until = excluded.until',
      sid,
      now + REVOKED_SESSION_MS
    )
    this.sessions.delete(sid)
  }

  /** Ends every access token issued up to now and every refresh session (sign-out everywhere). */
  async revokeAll(): Promise<void> {
    this.setMeta('revoked_through', Math.floor(Date.now() / 1000))
    this.sessions.clear()
  }

  private setMeta(k: string, v: number): void {
    setMeta(this.sql, k, v)
  }

  private getMeta(k: string): number | undefined {
    return getMeta(this.sql, k)
  }

  /**
   * Notes activity (idle anonymous accounts expire) and remembers whose object this is. Written at most every
   * TOUCH_MS unless `force`d: each SQLite write is a commit, and writes of one user queue behind each other.
   */
  private touch(userId: string, now = Date.now(), force = false): void {
    if (!force && now - this.lastTouch < TOUCH_MS) return
    this.lastTouch = now
    this.setMeta('last_active', now)
    this.sql.exec("INSERT INTO info (k, v) VALUES ('user_id', ?) ON CONFLICT(k) DO NOTHING", userId)
  }

  private idleMs(): number {
    return envInt(this.env.ANONYMOUS_IDLE_SECONDS, ANONYMOUS_IDLE_SECONDS) * 1000
  }

  /**
   * Starts a refresh session (sign-in, registration, upgrade, anonymous account). `anonymous` marks the account
   * as one that expires when idle (an alarm checks it); false clears the mark (upgrade).
   */
  async createSession(userId: string, anonymous: boolean): Promise<RefreshResult> {
    const now = Date.now()
    const made = await this.sessions.create(now)
    this.touch(userId, now, true)
    if (anonymous) await this.markAnonymous(now)
    else this.setMeta('anonymous', 0)
    return made
  }

  /**
   * Moves a first-version session (KV, already checked by the caller against its stored secret hash) in here,
   * as generation 0, unless it was revoked meanwhile (store/session-table.ts: adopt).
   */
  async adoptLegacySession(
    userId: string,
    sid: string,
    createdAt: number,
    anonymous: boolean
  ): Promise<RefreshResult> {
    const now = Date.now()
    const result = await this.sessions.adopt(sid, createdAt, now)
    if (result.status === 'replayed') await this.revokeSession(sid)
    if (result.status !== 'ok') return result
    this.touch(userId, now, true)
    // An anonymous account made before idle expiry existed starts its idle clock now.
    if (anonymous) await this.markAnonymous(now)
    return result
  }

  /** Marks the account as one that expires when idle, and makes sure its alarm is set. */
  private async markAnonymous(now: number): Promise<void> {
    this.setMeta('anonymous', 1)
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(now + this.idleMs())
    }
  }

  /** Refreshes session `sid` with its token of generation `gen`; a replay ends the session (session-table.ts). */
  async refresh(userId: string, sid: string, gen: number, mac: string): Promise<RefreshResult> {
    const result = await this.sessions.refresh(sid, gen, mac)
    if (result.status === 'replayed') {
      console.error('refresh token replayed; session ended', sid.slice(0, 4))
      await this.revokeSession(sid)
    } else if (result.status === 'ok') {
      this.touch(userId)
    }
    return result
  }

  /** Ends session `sid` if `mac` is one of its real tokens (any generation); true when it did. */
  async logout(sid: string, gen: number, mac: string): Promise<boolean> {
    if (!(await this.sessions.isRealToken(sid, gen, mac))) return false
    await this.revokeSession(sid)
    return true
  }

  /**
   * Starts an email upgrade of this (anonymous) account: 'ok' when none is in progress and none has finished;
   * exclusive, so two upgrades of one account cannot both claim an email.
   */
  async beginUpgrade(): Promise<'ok' | 'busy' | 'upgraded'> {
    if (this.getMeta('upgraded') === 1) return 'upgraded'
    const now = Date.now()
    const started = this.getMeta('upgrade_started')
    if (started !== undefined && now - started < UPGRADE_MARKER_MS) return 'busy'
    this.setMeta('upgrade_started', now)
    return 'ok'
  }

  /** Ends an upgrade begun with {@link beginUpgrade}: done (the account keeps its email) or abandoned. */
  async finishUpgrade(done: boolean): Promise<void> {
    this.sql.exec("DELETE FROM meta WHERE k = 'upgrade_started'")
    if (done) {
      this.setMeta('upgraded', 1)
      this.setMeta('anonymous', 0)
    }
  }

  /** Deletes an idle anonymous account: its bodies, shares and record in KV, then everything here. */
  override async alarm(): Promise<void> {
    await this.serial(async () => {
      if (this.getMeta('anonymous') !== 1) return
      const last = this.getMeta('last_active') ?? 0
      const due = last + this.idleMs()
      if (Date.now() < due) {
        await this.ctx.storage.setAlarm(due)
        return
      }
      const userId = this.sql
        .exec<{ v: string }>("SELECT v FROM info WHERE k = 'user_id'")
        .toArray()[0]?.v
      if (!userId) return
      const keys = [
        `user:${userId}`,
        ...this.sql
          .exec<HeadRow>('SELECT * FROM heads WHERE deleted_at IS NULL')
          .toArray()
          .map((r) => bodyKey(userId, r.id, r.revision)),
        ...this.sql
          .exec<{ id: string }>('SELECT id FROM shares')
          .toArray()
          .map((r) => `share:${r.id}`),
      ]
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((k) => this.env.DATA.delete(k)))
      }
      for (const table of ['heads', 'shares', 'sessions', 'revoked', 'meta', 'info']) {
        this.sql.exec(`DELETE FROM ${table}`)
      }
      this.bodies.clear()
      // Every access token still in flight dies too (nothing is left for it, and nothing may be re-created).
      this.setMeta('revoked_through', Math.floor(Date.now() / 1000) + API_LIMITS.accessTokenSeconds)
      console.log('idle anonymous account deleted', userId.slice(0, 4), keys.length, 'KV keys')
    })
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

  /**
   * The stored body of `row`, checked: null (logged) when KV has no body for that revision or holds something
   * that is not that record (KV is eventually consistent, and values can be damaged): callers treat it as absent.
   */
  private async body(userId: string, row: HeadRow): Promise<CharacterRecord | null> {
    const cached = this.bodies.get(row.id)
    if (cached?.revision === row.revision) return cached
    const key = bodyKey(userId, row.id, row.revision)
    const text = await this.env.DATA.get(key)
    let stored: CharacterRecord | null = null
    try {
      stored = text === null ? null : checkStoredRecord(JSON.parse(text), row.id, row.revision)
    } catch {
      stored = null
    }
    if (!stored) {
      console.error(text === null ? 'character body missing' : 'character body unreadable', key)
      return null
    }
    const record = servedRecord(stored)
    this.bodies.set(row.id, record)
    return record
  }

  /** The live record, or null when absent, deleted or unreadable. */
  get(session: SessionRef, userId: string, id: string): Promise<CharacterRecord | null | Revoked> {
    return this.serial(async () => {
      if (this.revoked(session)) return REVOKED
      const row = this.head(id)
      return row && !row.deleted_at ? this.body(userId, row) : null
    })
  }

  /** Changes with seq > `since`, oldest first, at most `limit`; unreadable bodies are counted in `skipped`. */
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
      const bodies = await Promise.all(live.map((r) => this.body(userId, r)))
      const items = bodies.filter((b): b is CharacterRecord => b !== null)
      const tombstones = page
        .filter((r) => r.deleted_at)
        .map((r) => ({ id: r.id, revision: r.revision, deletedAt: r.deleted_at! }))
      const seq = page.length ? page[page.length - 1]!.seq : Math.max(since, this.nextSeq() - 1)
      return { items, tombstones, seq, more, skipped: bodies.length - items.length }
    })
  }

  /** Counts one write against the per-user limit (store/write-window.ts); the refusal when over it. */
  private writeLimit(now: number): RateLimited | null {
    return this.writes.take(now, envInt(this.env.WRITE_LIMIT_PER_MINUTE, 600))
  }

  /**
   * Creates (`ifMatch` null) or updates (`ifMatch` = the revision the client last saw) with a character already
   * opened by the route (rig v2). A live record whose body is unreadable counts as absent: the write restores it
   * (at the next revision, so other devices see it).
   */
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
      const now = Date.now()
      const limited = this.writeLimit(now)
      if (limited) return limited
      const row = this.head(id)
      const stored = row && !row.deleted_at ? row : null
      const current = stored ? await this.body(userId, stored) : null
      const live = stored && current ? stored : null
      if (ifMatch === null && live) return { status: 'mismatch', current: current! }
      if (ifMatch !== null && !stored) return { status: 'not-found' }
      if (live && live.revision !== ifMatch) return { status: 'mismatch', current: current! }
      const record: CharacterRecord = {
        id,
        revision: (row?.revision ?? 0) + 1,
        updatedAt: new Date(now).toISOString(),
        name,
        character,
      }
      const json = JSON.stringify(record)
      const bytes = utf8Bytes(json)
      const quota = this.checkQuota(stored, bytes)
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
      this.touch(userId, now)
      if (stored) this.dropBody(bodyKey(userId, id, stored.revision))
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

  private maxTotal(): number {
    return byteQuota(this.env.MAX_TOTAL_BYTES, API_LIMITS.maxTotalBytes)
  }

  private checkQuota(live: HeadRow | null, bytes: number): QuotaRefusal | null {
    const maxRecord = byteQuota(this.env.MAX_RECORD_BYTES, API_LIMITS.maxRecordBytes)
    return checkQuota(this.sql, live, bytes, { maxRecord, maxTotal: this.maxTotal() })
  }

  /**
   * Deletes, leaving a tombstone (revision + 1) for delta sync, and deletes the character's shares (a share must
   * not outlive what it shows). `ifMatch` null deletes unconditionally; an unreadable body deletes regardless.
   */
  remove(
    session: SessionRef,
    userId: string,
    id: string,
    ifMatch: number | null
  ): Promise<WriteResult | Revoked> {
    return this.serial(async () => {
      if (this.revoked(session)) return REVOKED
      const now = Date.now()
      const limited = this.writeLimit(now)
      if (limited) return limited
      const row = this.head(id)
      if (!row || row.deleted_at) return { status: 'not-found' }
      if (ifMatch !== null && row.revision !== ifMatch) {
        const current = await this.body(userId, row)
        if (current) return { status: 'mismatch', current }
      }
      this.sql.exec(
        'UPDATE heads SET revision = ?, seq = ?, deleted_at = ?, bytes = 0 WHERE id = ?',
        row.revision + 1,
        this.nextSeq(),
        new Date(now).toISOString(),
        id
      )
      this.bodies.delete(id)
      this.dropBody(bodyKey(userId, id, row.revision))
      const shares = this.sql
        .exec<{ id: string }>('SELECT id FROM shares WHERE character_id = ?', id)
        .toArray()
      if (shares.length) {
        await Promise.all(shares.map((sh) => this.env.DATA.delete(`share:${sh.id}`)))
        this.sql.exec('DELETE FROM shares WHERE character_id = ?', id)
      }
      this.touch(userId, now)
      return { status: 'deleted' }
    })
  }

  /**
   * Records a new share of live character `characterId` taking `bytes` of storage, if the user is under the share
   * count and the byte quota (records + shares).
   */
  addShare(
    shareId: string,
    expiresAt: number | null,
    characterId: string,
    bytes: number
  ): Promise<ShareResult> {
    return this.serial(async () => {
      const row = this.head(characterId)
      if (!row || row.deleted_at) return 'not-found'
      this.sql.exec(
        'DELETE FROM shares WHERE expires_at IS NOT NULL AND expires_at < ?',
        Date.now()
      )
      const totals = storedBytes(this.sql, Date.now())
      const { n } = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM shares').one()
      if (n >= API_LIMITS.maxShares) return 'count'
      if (totals.bytes + bytes > this.maxTotal()) return 'bytes'
      this.sql.exec(
        'INSERT INTO shares (id, expires_at, character_id, bytes) VALUES (?, ?, ?, ?)',
        shareId,
        expiresAt,
        characterId,
        bytes
      )
      return 'ok'
    })
  }

  /** Forgets a share (after the owner deleted it). */
  removeShare(shareId: string): Promise<void> {
    return this.serial(async () => {
      this.sql.exec('DELETE FROM shares WHERE id = ?', shareId)
    })
  }
}
