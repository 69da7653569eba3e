/**
 * @module components/editor — make and edit one character. A collapsing header keeps the face, the edit toolbar
 * (undo, redo, randomise, share, Save) and the group tabs in view while the sliders scroll; the name and delete
 * sit with the sliders. Full screen opens the turntable. Ctrl+Z / Ctrl+Shift+Z undo and redo.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Character } from '@facecraft/shared/rig'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { thumbnailBlob } from '../../features/render/renderer.ts'
import { clearDraft } from '../../lib/store/draft.ts'
import { useCollapse } from '../../lib/editor/use-collapse.ts'
import { deleteCharacter, deleteScope, saveEdit } from '../../lib/store/gallery.ts'
import { edit, redo, undo, type History } from '../../lib/editor/history.ts'
import { requestPersistence } from '../../lib/store/persistence.ts'
import { navigate, setLeaveGuard } from '../../lib/app/router.ts'
import { toast } from '../../lib/app/toast.ts'
import {
  DEFAULT_NAME,
  effectiveName,
  hasWork,
  isUnsaved,
  useEditorState,
} from '../../lib/editor/use-editor.ts'
import { usePhoto, useFaceCrop } from '../../features/photo/use-photo.ts'
import { deletePhoto } from '../../lib/store/photos.ts'
import { Icon } from '../icon/index.tsx'
import { PhotoBar, PhotoOverlay, type CompareMode } from '../photo-compare/index.tsx'
import { RefineSheet } from '../refine-sheet/index.tsx'
import { FIRST_GROUP, GroupTabs, ParamPanel } from '../param-panel/index.tsx'
import { Preview } from '../preview/index.tsx'
import { ShareSheet } from '../share-sheet/index.tsx'
import { Turntable } from '../turntable/index.tsx'
import styles from './style.module.css'

const MAX_NAME = 64

export function Editor(props: { id: string | null }) {
  const { state, setState, missing } = useEditorState(props.id)
  const [yaw, setYaw] = useState(0)
  const [groupId, setGroupId] = useState<string>(FIRST_GROUP)
  const [sheet, setSheet] = useState<'share' | 'turntable' | 'refine' | null>(null)
  const [compare, setCompare] = useState<CompareMode>('off')
  const [saving, setSaving] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useCollapse(root, !!state)
  // The photo this character was made from (kept on this device only), for comparing and refining.
  const photo = usePhoto(state?.id)
  const crop = useFaceCrop(photo)

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

  // Leaving with edits asks first (they are also kept as a draft until then); an untouched new character just goes.
  const guarded = !!state && hasWork(state)
  const id = state?.id
  useEffect(() => setLeaveGuard(guarded && id ? () => confirmLeave(id) : null), [guarded, id])

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
  if (!state) return <div ref={root} class={styles.loading} aria-busy='true' />

  function step(fn: (h: History<Character>) => History<Character>) {
    setState((s) => (s ? { ...s, history: fn(s.history) } : s))
  }
  const onEdit = (next: Character, key: string) =>
    setState((s) => (s ? { ...s, history: edit(s.history, next, key, performance.now()) } : s))

  const present = state.history.present
  const name = effectiveName(state)
  const unsaved = isUnsaved(state)

  async function save() {
    setSaving(true)
    try {
      const thumbnail = await thumbnailBlob(present)
      await saveEdit(state!.id, { name, character: present, thumbnail })
      await clearDraft(state!.id)
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

  async function removePhoto() {
    if (!confirm('Remove the photo from this device? The character stays.')) return
    await deletePhoto(state!.id)
    setCompare('off')
    toast('Photo removed; the character stays')
  }

  async function remove() {
    const reach = await deleteScope(state!.id)
    const where = reach === 'account' ? 'from this device and your account' : 'from this device'
    if (!confirm(`Delete “${name}” ${where}?`)) return
    await deleteCharacter(state!.id)
    await clearDraft(state!.id)
    toast(`Deleted “${name}”`)
    setLeaveGuard(null)
    navigate('/', true)
  }

  return (
    <div class={styles.editor} ref={root}>
      <div class={styles.spacer} aria-hidden='true' />
      <div class={styles.head}>
        <Preview
          character={present}
          yaw={yaw}
          onYaw={setYaw}
          label={`${name}, turned ${yaw} degrees`}
          placeholder={state.thumbnail}
          overlay={crop && <PhotoOverlay url={crop} mode={compare} />}
          corner={
            <button
              class={styles.full}
              onClick={() => setSheet('turntable')}
              aria-label='Full screen'
              title='Full screen'
            >
              <Icon name='expand' size={20} />
            </button>
          }
        />
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
            onClick={() =>
              onEdit(
                randomPlausibleCharacter(Math.floor(Math.random() * 2 ** 31), { detail: true }),
                'randomise'
              )
            }
            aria-label='Random character'
            title='Random character'
          >
            <Icon name='dice' />
          </button>
          <button onClick={() => setSheet('share')} aria-label='Share' title='Share and save image'>
            <Icon name='share' />
          </button>
          <button
            class={
              unsaved || state.isNew ? `primary ${styles.save}` : `${styles.saved} ${styles.save}`
            }
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
        <GroupTabs groupId={groupId} onSelect={setGroupId} />
      </div>
      {photo && (
        <PhotoBar
          photo={photo}
          mode={compare}
          onMode={setCompare}
          onRefine={() => setSheet('refine')}
          onRemove={() => void removePhoto()}
        />
      )}
      <label class={styles.name}>
        <span class={styles.nameLabel}>Name</span>
        <input
          type='text'
          value={state.name}
          maxLength={MAX_NAME}
          placeholder={DEFAULT_NAME}
          aria-label='Character name'
          onInput={(e) => setState({ ...state, name: e.currentTarget.value })}
        />
      </label>
      <ParamPanel groupId={groupId} character={present} onEdit={onEdit} />
      {!state.isNew && (
        <button onClick={() => void remove()} class={styles.danger} aria-label='Delete character'>
          <Icon name='trash' /> Delete
        </button>
      )}
      {sheet === 'share' && (
        <ShareSheet
          id={state.isNew || unsaved ? null : state.id}
          name={name}
          character={present}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'refine' && photo && (
        <RefineSheet
          photo={photo}
          character={present}
          onDone={(refined) => {
            // One edit of its own (a key no other edit shares), so one Undo returns to before.
            onEdit(refined, `refine-${Date.now()}`)
            setSheet(null)
            toast('More like you now: Undo goes back')
          }}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'turntable' && (
        <Turntable character={present} name={name} yaw={yaw} onClose={() => setSheet(null)} />
      )}
    </div>
  )
}

function confirmLeave(id: string): boolean {
  const leave = confirm('Leave without saving? Your changes to this character will be lost.')
  if (leave) void clearDraft(id)
  return leave
}
