/**
 * @module lib/sync/device-only — characters made on this device while signed out, and the signed-in player's one-time
 * answer for them: add them to this account, or keep them on this device only (remembered per account, so the
 * question comes again only for characters made later, or when another account signs in).
 */
import type { StoredCharacter } from '../store/db.ts'
import { getSetting, setSetting } from '../store/db.ts'
import { getCharacter, listAll, putRecord } from '../store/gallery.ts'
import { undecidedDeviceOnly } from './ownership.ts'

const declinedKey = (userId: string) => `deviceOnly.kept.${userId}`

async function declined(userId: string): Promise<Set<string>> {
  return new Set((await getSetting<string[]>(declinedKey(userId))) ?? [])
}

/** Device-only characters the player has not yet added to, or kept out of, `userId`'s account. */
export async function undecidedFor(userId: string): Promise<StoredCharacter[]> {
  return undecidedDeviceOnly(await listAll(), await declined(userId))
}

/** The player's "add them": these characters now belong to `userId` and upload with the next sync. */
export async function addToAccount(userId: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const record = await getCharacter(id)
    // Only still device-only ones: never take a character that meanwhile belongs to an account.
    if (record && record.owner === null) await putRecord({ ...record, owner: userId, dirty: true })
  }
}

/** The player's "keep them here": not uploaded to `userId`'s account, and not asked about again for it. */
export async function keepOnDevice(userId: string, ids: readonly string[]): Promise<void> {
  const kept = await declined(userId)
  for (const id of ids) kept.add(id)
  await setSetting(declinedKey(userId), [...kept])
}
