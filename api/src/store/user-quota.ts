/**
 * @module store/user-quota — what one user stores (live records plus live shares, which are copies of a record)
 * and the quota checks of a write against it. Reads the per-user tables of store/user-tables.ts.
 */
import { API_LIMITS } from '@facecraft/shared/api'
import type { HeadRow } from './user-tables.ts'

/** A write refused by a quota, with the message the player reads. */
export interface QuotaRefusal {
  status: 'quota'
  kind: 'count' | 'record-bytes' | 'total-bytes'
  message: string
}

/** Bytes stored for this user: live records plus live (unexpired at `now`) shares. */
export function storedBytes(sql: SqlStorage, now: number): { records: number; bytes: number } {
  const heads = sql
    .exec<{ n: number; b: number }>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS b FROM heads WHERE deleted_at IS NULL'
    )
    .one()
  const shares = sql
    .exec<{ b: number }>(
      'SELECT COALESCE(SUM(bytes), 0) AS b FROM shares WHERE expires_at IS NULL OR expires_at >= ?',
      now
    )
    .one()
  return { records: heads.n, bytes: heads.b + shares.b }
}

/**
 * Whether a record of `bytes` may replace `live` (null: a new record) under the per-record and total byte limits
 * and the character count; the refusal, or null.
 */
export function checkQuota(
  sql: SqlStorage,
  live: HeadRow | null,
  bytes: number,
  limits: { maxRecord: number; maxTotal: number }
): QuotaRefusal | null {
  const { maxRecord, maxTotal } = limits
  if (bytes > maxRecord) {
    const message = `A character record may hold at most ${maxRecord} bytes (this one has ${bytes}); shorten the name.`
    return { status: 'quota', kind: 'record-bytes', message }
  }
  const totals = storedBytes(sql, Date.now())
  if (!live && totals.records >= API_LIMITS.maxCharacters) {
    const message = `You have ${totals.records} saved characters, the most an account may keep; delete some first.`
    return { status: 'quota', kind: 'count', message }
  }
  if (totals.bytes - (live?.bytes ?? 0) + bytes > maxTotal) {
    const message = `Your saved characters and shares would pass ${maxTotal} bytes; delete some characters or shares first.`
    return { status: 'quota', kind: 'total-bytes', message }
  }
  return null
}
