/**
 * @module lib/use-editor — the editor's data: loading the character (or a new one), undo history, unsaved-edit
 * tracking, crash-safe drafts (restored after a reload or a killed tab), and following newer synced copies.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { clearDraft, loadDraft, saveDraft, type Draft } from './draft.ts'
import { getCharacter, newCharacterId, onGalleryChange } from './gallery.ts'
import { openStoredCharacter } from './open-saved.ts'
import { createHistory, edit, type History } from './history.ts'
import { sameContent } from './sync-merge.ts'
import { toast } from './toast.ts'

/** Name shown and saved when the player leaves the field empty. */
export const DEFAULT_NAME = 'New character'
/** Wait after the last edit before the draft is written (ms). */
const DRAFT_DEBOUNCE_MS = 400

export interface EditorState {
  id: string
  isNew: boolean
  history: History<Character>
  /** The name field as typed. */
  name: string
  /** What is saved, to tell whether there are unsaved changes; null for a never-saved character. */
  saved: { name: string; character: Character } | null
  /** The saved thumbnail, shown while the preview renders its first frame. */
  thumbnail?: Blob | null
}

/** The name that would be saved. */
export const effectiveName = (s: EditorState): string => s.name.trim() || DEFAULT_NAME

/** True when the editor holds edits that are not saved. */
export function isUnsaved(s: EditorState): boolean {
  return !s.saved || s.saved.name !== effectiveName(s) || s.saved.character !== s.history.present
}

/** Unsaved AND worth keeping (an untouched new character is not). */
export function hasWork(s: EditorState): boolean {
  return isUnsaved(s) && (!s.isNew || s.history.past.length > 0 || s.name.trim() !== '')
}

/** Editor state for character `id` (null: a new one); `missing` when the id is not in the gallery. */
export function useEditorState(id: string | null) {
  const [state, setState] = useState<EditorState | null>(null)
  const [missing, setMissing] = useState(false)

  useEffect(() => {
    void load(id).then((loaded) => (loaded ? setState(loaded) : setMissing(true)))
  }, [id])

  // Keep unsaved work as a draft; forget the draft once everything is saved.
  useEffect(() => {
    if (!state) return
    if (!hasWork(state)) {
      if (state.saved) void clearDraft(state.id)
      return
    }
    const draft: Draft = {
      id: state.id,
      isNew: state.isNew,
      name: state.name,
      character: state.history.present,
    }
    const timer = setTimeout(() => void saveDraft(draft), DRAFT_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [state])

  // Sync may bring a newer copy from another device while this one is open: show it, unless the player has
  // unsaved edits here (then their Save goes through sync's conflict handling instead of being overwritten).
  useEffect(() => {
    if (!id) return
    return onGalleryChange(() => {
      void getCharacter(id).then((record) => {
        setState((s) => {
          if (!s?.saved || !record || record.deleted || isUnsaved(s)) return s
          if (sameContent(s.saved, record)) return s
          const saved = { name: record.name, character: record.character }
          return { ...s, history: createHistory(record.character), name: record.name, saved }
        })
      })
    })
  }, [id])

  return { state, setState, missing }
}

async function load(id: string | null): Promise<EditorState | null> {
  const draft = await loadDraft()
  if (!id) {
    // A new character's draft, unless it got saved after all (then the gallery has it).
    if (draft?.isNew && !(await getCharacter(draft.id))) return restored(draft, null)
    const start = readHandOff()
    return {
      id: newCharacterId(),
      isNew: true,
      history: createHistory(start.character),
      name: start.name,
      saved: null,
    }
  }
  const record = await getCharacter(id)
  if (!record || record.deleted) return null
  const saved = { name: record.name, character: record.character }
  if (draft?.id === id && !draft.isNew && !sameContent(draft, saved)) return restored(draft, saved)
  const thumbnail = record.thumbnail
  return {
    id,
    isNew: false,
    history: createHistory(record.character),
    name: record.name,
    saved,
    thumbnail,
  }
}

/** The draft's edits on top of the saved version, so one Undo goes back to what is saved. */
function restored(draft: Draft, saved: EditorState['saved']): EditorState {
  const base = createHistory(saved?.character ?? createCharacterV2())
  toast('Restored your unsaved changes')
  return {
    id: draft.id,
    isNew: !saved,
    history: edit(base, draft.character, 'restore', 0),
    name: draft.name,
    saved,
  }
}

/** A new character may start from a hand-off in sessionStorage ('facecraft.draft'), else from the defaults. */
function readHandOff(): { name: string; character: Character } {
  try {
    const text = sessionStorage.getItem('facecraft.draft')
    sessionStorage.removeItem('facecraft.draft')
    if (text) {
      const draft = JSON.parse(text) as { name?: string; character?: unknown }
      // Any rig version opens (a v1 hand-off from an older tab is migrated); anything invalid discards it.
      const { character } = openStoredCharacter(draft.character)
      return { name: draft.name ?? '', character }
    }
  } catch {
    // No sessionStorage (private mode), or a hand-off that does not open: start from the defaults.
  }
  return { name: '', character: createCharacterV2() }
}
