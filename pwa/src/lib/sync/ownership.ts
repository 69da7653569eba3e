/**
 * @module lib/sync/ownership — which account each character on this device belongs to, and the pure decisions that
 * keep one player's characters out of another player's account on a shared device:
 * - a record remembers its `owner`: the account it was made in or pulled from, or null (made while signed out);
 * - sync only uploads records owned by the signed-in account;
 * - device-only records (owner null) join an account only when the player says so (one prompt per account);
 * - signing out keeps or removes that account's records, as the player chooses.
 */
import type { StoredCharacter } from '../store/db.ts'

/** A user id, or null for a character made on this device while signed out. */
export type Owner = string | null

/**
 * The owner of a record. Records stored before owners existed have none: they belong to the account this device
 * last synced with (`legacyOwner`, the old single-owner setting), or to nobody when it never synced.
 */
export function ownerOf(record: Pick<StoredCharacter, 'owner'>, legacyOwner: Owner): Owner {
  return record.owner === undefined ? legacyOwner : record.owner
}

/** True when sync may upload, update or delete this record in `userId`'s account. */
export function syncsWith(record: Pick<StoredCharacter, 'owner'>, userId: string): boolean {
  return record.owner === userId
}

/** The owner a saved edit gets: an existing record keeps its own; a new one belongs to whoever is signed in. */
export function ownerForSave(
  existing: Pick<StoredCharacter, 'owner'> | null,
  signedIn: Owner
): Owner {
  return existing ? (existing.owner ?? null) : signedIn
}

/**
 * Device-only characters the signed-in player has not decided about yet for this account: made while signed out
 * (owner null), not deleted, and not already kept off this account (`declined`, the ids the player kept here).
 */
export function undecidedDeviceOnly(
  records: readonly StoredCharacter[],
  declined: ReadonlySet<string>
): StoredCharacter[] {
  return records.filter((r) => r.owner === null && !r.deleted && !declined.has(r.id))
}

/**
 * How far deleting a record reaches: 'account' (kept as a tombstone until sync deletes the server copy) only for
 * an uploaded record of the signed-in account; anything else ('device': never uploaded, device-only, another
 * account's, or anyone's while signed out) is removed from this device alone, so nobody deletes from an account
 * they are not signed in to. Records from before owners existed count as the signed-in account's, as before.
 */
export function deleteReach(
  record: Pick<StoredCharacter, 'owner' | 'revision'>,
  signedIn: Owner
): 'account' | 'device' {
  const own = record.owner === undefined || record.owner === signedIn
  return signedIn !== null && record.revision > 0 && own ? 'account' : 'device'
}

/** What the player is told before signing out: how many characters are theirs here, and how many unsynced. */
export interface SignOutSummary {
  /** Visible characters of this account on this device. */
  count: number
  /** Of those, changed here and not uploaded yet: removing them loses these edits. */
  unsynced: number
}

/** Counts `userId`'s characters on this device for the sign-out choice. */
export function signOutSummary(
  records: readonly StoredCharacter[],
  userId: string
): SignOutSummary {
  const own = records.filter((r) => r.owner === userId && !r.deleted)
  return { count: own.length, unsynced: own.filter((r) => r.dirty).length }
}

/** The ids to delete from this device when `userId` signs out with "remove": all its records, tombstones too. */
export function recordsToRemove(records: readonly StoredCharacter[], userId: string): string[] {
  return records.filter((r) => r.owner === userId).map((r) => r.id)
}
