/**
 * @module store/user-tables — the SQLite schema of the per-user Durable Object (store/user-index.ts): the revision
 * index (heads), shares, revoked sessions, and small key-value tables (info: text, meta: numbers). Creating it is
 * idempotent and upgrades an older object's tables in place.
 */

/** One character's entry in the revision index. */
export interface HeadRow extends Record<string, SqlStorageValue> {
  id: string
  revision: number
  seq: number
  updated_at: string
  deleted_at: string | null
  bytes: number
}

/** Creates the tables this object needs, adding columns that came later to ones made before them. */
export function createUserTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS heads (
      id TEXT PRIMARY KEY, revision INTEGER NOT NULL, seq INTEGER NOT NULL UNIQUE,
      updated_at TEXT NOT NULL, deleted_at TEXT, bytes INTEGER NOT NULL)`)
  sql.exec('CREATE TABLE IF NOT EXISTS shares (id TEXT PRIMARY KEY, expires_at INTEGER)')
  // Added later: which character a share shows (deleted with it) and its stored bytes (in the quota).
  for (const column of ['character_id TEXT', 'bytes INTEGER NOT NULL DEFAULT 0']) {
    try {
      sql.exec(`ALTER TABLE shares ADD COLUMN ${column}`)
    } catch {
      // already there
    }
  }
  sql.exec('CREATE TABLE IF NOT EXISTS info (k TEXT PRIMARY KEY, v TEXT NOT NULL)')
  // Revoked sessions (until all their access tokens expired) and the sign-out-everywhere cutoff.
  sql.exec('CREATE TABLE IF NOT EXISTS revoked (sid TEXT PRIMARY KEY, until INTEGER NOT NULL)')
  sql.exec('CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)')
}

/** A number in the meta table, or undefined. */
export function getMeta(sql: SqlStorage, k: string): number | undefined {
  return sql.exec<{ v: number }>('SELECT v FROM meta WHERE k = ?', k).toArray()[0]?.v
}

/** Sets a number in the meta table. */
export function setMeta(sql: SqlStorage, k: string, v: number): void {
  sql.exec(
    'INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v',
    k,
    v
  )
}
