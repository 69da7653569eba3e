/**
 * @module lib/store/persistence — asks the browser to keep our storage under pressure (no silent eviction of the
 * gallery), and reports usage. Both degrade to null where the Storage API is missing.
 */

/** True when storage is (now) persistent, false when refused, null when the browser cannot say. */
export async function requestPersistence(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist())
  } catch {
    return null
  }
}

/** Whether storage is persistent, without asking; null when unknown. */
export async function isPersisted(): Promise<boolean | null> {
  try {
    return navigator.storage?.persisted ? await navigator.storage.persisted() : null
  } catch {
    return null
  }
}

/** Bytes used and available to this site; null when unknown. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const e = await navigator.storage?.estimate?.()
    return e?.usage !== undefined && e.quota !== undefined
      ? { usage: e.usage, quota: e.quota }
      : null
  } catch {
    return null
  }
}
