/**
 * @module components/editor — make and edit one character: live preview with look-around, every rig parameter
 * by group, undo/redo (Ctrl+Z / Ctrl+Shift+Z), randomise, name, save to the gallery, share, delete.
 */
import { useEffect, useState } from 'preact/hooks'
import {
  checkCharacter,
  createCharacter,
  randomCharacter,
  type Character,
} from '@facecraft/shared/rig'
import { thumbnailBlob } from '../../features/render/renderer.ts'
import {
  deleteCharacter,
  getCharacter,
  newCharacterId,
  onGalleryChange,
  saveEdit,
} from '../../lib/gallery.ts'
import { sameContent } from '../../lib/sync-merge.ts'
import { createHistory, edit, redo, undo, type History } from '../../lib/history.ts'
import { requestPersistence } from '../../lib/persistence.ts'
import { navigate, setLeaveGuard } from '../../lib/router.ts'
import { toast } from '../../lib/toast.ts'
import { Icon } from '../icon/index.tsx'
import { ParamPanel } from '../param-panel/index.tsx'
import { Preview } from '../preview/index.tsx'
import { ShareSheet } from '../share-sheet/index.tsx'
import styles from './style.module.css'

const DEFAULT_NAME = 'New character'
const MAX_NAME = 64

interface Loaded {
  id: string
  isNew: boolean
  history: History<Character>
  name: string
  /** What is saved, to tell whether there are unsaved changes. */
  saved: { name: string; character: Character } | null
}

export function Editor(props: { id: string | null }) {
  const [state, setState] = useState<Loaded | null>(null)
  const [missing, setMissing] = useState(false)
  const [yaw, setYaw] = useState(0)
  const [sharing, setSharing] = useState(false)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (!props.id) {
      const draft = readDraft()
      setState({
        id: newCharacterId(),
        isNew: true,
        history: createHistory(draft.character),
        name: draft.name,
        saved: null,
      })
      return
    }
    void getCharacter(props.id).then((record) => {
      if (!record || record.deleted) return setMissing(true)
      const saved = { name: record.name, character: record.character }
      setState({
        id: record.id,
        isNew: false,
        history: createHistory(record.character),
        name: record.name,
        saved,
      })
    })
  }, [props.id])

  // Sync may bring a newer copy from another device while this one is open: show it, unless the player has
  // unsaved edits here (then their Save goes through sync's conflict handling instead of being overwritten).
  useEffect(() => {
    if (!props.id) return
    const id = props.id
    return onGalleryChange(() => {
      void getCharacter(id).then((record) => {
        setState((s) => {
          if (!s || !record || record.deleted || !s.saved) return s
          const clean =
            s.saved.character === s.history.present &&
            s.saved.name === (s.name.trim() || DEFAULT_NAME)
          if (!clean || sameContent(s.saved, record)) return s
          const saved = { name: record.name, character: record.character }
          return { ...s, history: createHistory(record.character), name: record.name, saved }
        })
      })
    })
  }, [props.id])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        !(e.ctrlKey || e.metaKey) ||
        ((e.target as HTMLElement).tagName === 'INPUT' &&
          (e.target as HTMLInputElement).type === 'text')
      )
        return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) step(undo)
      else if ((key === 'z' && e.shiftKey) || key === 'y') step(redo)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const name = state?.name.trim() || DEFAULT_NAME
  const character = state?.history.present
  const unsaved = !state?.saved || state.saved.name !== name || state.saved.character !== character
  // Leaving with edits asks first; an untouched new character just goes.
  const guarded = !!state && unsaved && (!state.isNew || state.history.past.length > 0)
  useEffect(() => setLeaveGuard(guarded ? confirmLeave : null), [guarded])

  if (missing) {
    return (
      <section class={styles.missing}>
        <h1>Character not found</h1>
        <p>It may have been deleted on another device. Your other characters are in the gallery.</p>
        <button class='primary' onClick={() => navigate('/')}>
          Open gallery
        </button>
      </section>
    )
  }
  if (!state) return <p class={styles.loading}>Loading…</p>

  function step(fn: (h: History<Character>) => History<Character>) {
    setState((s) => (s ? { ...s, history: fn(s.history) } : s))
  }
  const onEdit = (next: Character, key: string) =>
    setState((s) => (s ? { ...s, history: edit(s.history, next, key, performance.now()) } : s))

  const present = state.history.present

  async function save() {
    setSaving(true)
    try {
      const thumbnail = await thumbnailBlob(present)
      await saveEdit(state!.id, { name, character: present, thumbnail })
      setState((s) => (s ? { ...s, isNew: false, saved: { name, character: present } } : s))
      toast(`Saved “${name}”`)
      void requestPersistence()
      if (state!.isNew) {
        setLeaveGuard(null) // saved: the guard of the render before this one no longer applies
        navigate(`/edit/${state!.id}`, true)
      }
    } catch (error) {
      toast((error as Error).message, 'error')
    } finally {
      setSaving(false)
    }
  }

  async function remove() {
    if (!confirm(`Delete “${name}” from this device and your account?`)) return
    await deleteCharacter(state!.id)
    toast(`Deleted “${name}”`)
    setLeaveGuard(null)
    navigate('/', true)
  }

  return (
    <div class={styles.editor}>
      <Preview
        character={present}
        yaw={yaw}
        onYaw={setYaw}
        label={`${name}, turned ${yaw} degrees`}
      />
      <div class={styles.toolbar}>
        <label class={styles.name}>
          <span class='visually-hidden'>Name</span>
          <input
            type='text'
            value={state.name}
            maxLength={MAX_NAME}
            placeholder={DEFAULT_NAME}
            aria-label='Character name'
            onInput={(e) => setState({ ...state, name: e.currentTarget.value })}
          />
        </label>
        <button
          class={unsaved || state.isNew ? 'primary' : styles.saved}
          onClick={() => void save()}
          disabled={saving || (!unsaved && !state.isNew)}
        >
          {saving ? (
            'Saving…'
          ) : unsaved ? (
            'Save'
          ) : (
            <>
              <Icon name='check' size={18} /> Saved
            </>
          )}
        </button>
      </div>
      <div class={styles.actions} role='toolbar' aria-label='Edit'>
        <button
          onClick={() => step(undo)}
          disabled={!state.history.past.length}
          aria-label='Undo'
          title='Undo (Ctrl+Z)'
        >
          <Icon name='undo' />
        </button>
        <button
          onClick={() => step(redo)}
          disabled={!state.history.future.length}
          aria-label='Redo'
          title='Redo (Ctrl+Shift+Z)'
        >
          <Icon name='redo' />
        </button>
        <button
          onClick={() => onEdit(randomCharacter(Math.floor(Math.random() * 2 ** 31)), 'randomise')}
          aria-label='Random character'
          title='Random character'
        >
          <Icon name='dice' />
        </button>
        <button onClick={() => setSharing(true)} aria-label='Share' title='Share'>
          <Icon name='share' />
        </button>
        {!state.isNew && (
          <button
            onClick={() => void remove()}
            class={styles.danger}
            aria-label='Delete character'
            title='Delete'
          >
            <Icon name='trash' />
          </button>
        )}
      </div>
      <ParamPanel character={present} onEdit={onEdit} />
      {sharing && (
        <ShareSheet
          id={state.isNew || unsaved ? null : state.id}
          name={name}
          character={present}
          onClose={() => setSharing(false)}
        />
      )}
    </div>
  )
}

function confirmLeave(): boolean {
  return confirm('Leave without saving? Your changes to this character will be lost.')
}

/** A new character starts from a draft handed over in sessionStorage ('facecraft.draft'), or the defaults. */
function readDraft(): { name: string; character: Character } {
  try {
    const text = sessionStorage.getItem('facecraft.draft')
    sessionStorage.removeItem('facecraft.draft')
    if (text) {
      const draft = JSON.parse(text) as { name?: string; character?: Partial<Character> }
      // Missing parameters take the rig defaults; anything invalid discards the draft.
      const character = createCharacter({
        sliders: draft.character?.sliders ?? {},
        colors: draft.character?.colors ?? {},
        styles: draft.character?.styles ?? {},
      })
      if (checkCharacter(character).length === 0) return { name: draft.name ?? '', character }
    }
  } catch {
    // No sessionStorage (private mode): start from the defaults.
  }
  return { name: '', character: createCharacter() }
}
