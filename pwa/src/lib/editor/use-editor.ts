/**
 * @module lib/editor/use-editor — the editor's data: loading the character (or a new one), undo history, unsaved-edit
 * tracking, crash-safe drafts (restored after a reload or a killed tab), and following newer synced copies.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { createCharacterV2 } from '@facecraft/shared/rig-v2'
import { clearDraft, loadDraft, saveDraft, type Draft } from '../store/draft.ts'
import { getCharacter, newCharacterId, onGalleryChange } from '../store/gallery.ts'
import { takeHandOff } from './open-in-editor.ts'
import { createHistory, edit, type History } from './history.ts'
import { sameContent } from '../sync/sync-merge.ts'
import { toast } from '../app/toast.ts'

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
  /** The id of the photo this character was made from, if the editor was opened with one (a new character). */
  photoId?: string | null
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
    const start = takeHandOff()
    return {
      // A character made from a photo takes the photo's id, so the photo stays keyed by its character.
      id: start.photoId ?? newCharacterId(),
      isNew: true,
      history: createHistory(start.character),
      name: start.name,
      saved: null,
      photoId: start.photoId,
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
