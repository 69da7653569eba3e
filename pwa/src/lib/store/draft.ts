/**
 * @module lib/store/draft — the editor's unsaved work, kept in IndexedDB settings so a phone that kills the tab (or a
 * reload) does not lose it. One draft at a time: the character open in the editor.
 */
import type { Character } from '@facecraft/shared/rig'
import { getSetting, setSetting } from './db.ts'
import { openStoredCharacter } from './open-saved.ts'

const KEY = 'editor.draft'

export interface Draft {
  /** The character's id (a new one keeps the id it will be saved under). */
  id: string
  /** Never saved yet. */
  isNew: boolean
  name: string
  character: Character
}

/** The unsaved draft (opened for the current rig: a v1 draft is migrated), or null (also when it is damaged). */
export async function loadDraft(): Promise<Draft | null> {
  const draft = await getSetting<Draft>(KEY)
  if (!draft) return null
  try {
    return { ...draft, character: openStoredCharacter(draft.character).character }
  } catch {
    return null
  }
}

/** Keeps `draft` (best effort: a storage failure only loses the crash protection, never saved work). */
export async function saveDraft(draft: Draft): Promise<void> {
  await setSetting(KEY, draft).catch((error: unknown) => console.warn('draft not kept', error))
}

/** Forgets the draft of `id` (after a save or a discard); another character's draft stays. */
export async function clearDraft(id: string): Promise<void> {
  const draft = await loadDraft()
  if (draft?.id === id) await setSetting(KEY, null).catch(() => undefined)
}
