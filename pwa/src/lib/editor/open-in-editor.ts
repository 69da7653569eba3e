/**
 * @module lib/editor/open-in-editor — the one typed way to open the editor on a new, unsaved character (a sample, a
 * character made from a photo). The hand-off travels through sessionStorage so it survives the navigation and a
 * reload of /new, and is read exactly once; the key stays 'facecraft.draft' so a hand-off left by an older tab
 * (rig v1) still opens, migrated.
 */
import type { Character } from '@facecraft/shared/rig'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { navigate } from '../app/router.ts'
import { openStoredCharacter } from '../store/open-saved.ts'

const KEY = 'facecraft.draft'
/** A photo id is a character id (lib/store/photos): the same alphabet and length the router accepts. */
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** What the editor starts from. */
export interface HandOff {
  name: string
  character: Character
  /** The photo this character was made from (lib/store/photos); the new character takes this id, so the photo
   * stays keyed by its character. null: no photo. */
  photoId: string | null
}

/** Opens the editor on a new character (nothing is saved until the player saves). */
export function openInEditor(
  character: Character,
  options: { name?: string; photoId?: string | null } = {}
): void {
  const handOff: HandOff = {
    name: options.name ?? '',
    character,
    photoId: options.photoId ?? null,
  }
  try {
    sessionStorage.setItem(KEY, JSON.stringify(handOff))
  } catch {
    // No sessionStorage (private mode): the editor starts from the defaults instead.
  }
  navigate('/new')
}

/** The pending hand-off, removed as it is read; the defaults when there is none or it does not open. */
export function takeHandOff(): HandOff {
  try {
    const text = sessionStorage.getItem(KEY)
    sessionStorage.removeItem(KEY)
    if (text) return parseHandOff(text)
  } catch {
    // No sessionStorage (private mode), or a hand-off that does not open: start from the defaults.
  }
  return { name: '', character: createCharacterV2(), photoId: null }
}

/** Parses a stored hand-off: any rig version opens (v1 is migrated); a bad photo id is dropped; else it throws. */
export function parseHandOff(text: string): HandOff {
  const raw = JSON.parse(text) as { name?: unknown; character?: unknown; photoId?: unknown }
  const { character } = openStoredCharacter(raw.character)
  const photoId = typeof raw.photoId === 'string' && ID.test(raw.photoId) ? raw.photoId : null
  return { name: typeof raw.name === 'string' ? raw.name : '', character, photoId }
}
