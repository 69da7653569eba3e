/**
 * @module lib/store/migration-notice — the one-time notice after characters were updated to the new head (rig v1 ->
 * v2): the database upgrade and sync add to a count in the settings; the banner shows it once and clears it.
 */
import { getSetting, setSetting } from './db.ts'
import { MIGRATED_NOTICE_KEY } from './open-saved.ts'

const listeners = new Set<() => void>()

/** Calls `listener` when more characters were migrated; returns the unsubscribe function. */
export function onMigrated(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Adds `count` migrated characters to the pending notice. */
export async function addMigrated(count: number): Promise<void> {
  if (count <= 0) return
  const pending = (await getSetting<number>(MIGRATED_NOTICE_KEY)) ?? 0
  await setSetting(MIGRATED_NOTICE_KEY, pending + count).catch(() => undefined)
  for (const listener of listeners) listener()
}

/** The pending count, cleared as it is taken (so the notice shows once); 0 when there is none. */
export async function takeMigrated(): Promise<number> {
  const pending = (await getSetting<number>(MIGRATED_NOTICE_KEY)) ?? 0
  if (pending > 0) await setSetting(MIGRATED_NOTICE_KEY, null).catch(() => undefined)
  return pending
}
