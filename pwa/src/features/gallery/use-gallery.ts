/** @module features/gallery/use-gallery — the gallery list for screens, live across edits and sync, thumbnails filled in. */
import { useEffect, useState } from 'preact/hooks'
import { thumbnailBlob } from '../render/renderer.ts'
import type { StoredCharacter } from '../../lib/store/db.ts'
import {
  getCharacter,
  listCharacters,
  onGalleryChange,
  putRecord,
} from '../../lib/store/gallery.ts'

/** Characters newest first; null while loading. Missing thumbnails are rendered and stored in the background. */
export function useGallery(): StoredCharacter[] | null {
  const [items, setItems] = useState<StoredCharacter[] | null>(null)
  useEffect(() => {
    let alive = true
    const load = async () => {
      const list = await listCharacters()
      if (alive) setItems(list)
      for (const item of list.filter((c) => !c.thumbnail)) {
        const thumbnail = await thumbnailBlob(item.character)
        // Re-read: the record may have changed while rendering; store only onto the same content.
        const now = await getCharacter(item.id)
        if (!alive || !now || now.updatedAt !== item.updatedAt) continue
        await putRecord({ ...now, thumbnail }, false)
        setItems((prev) => prev?.map((c) => (c.id === item.id ? { ...c, thumbnail } : c)) ?? null)
      }
    }
    void load()
    const off = onGalleryChange(() => void load())
    return () => {
      alive = false
      off()
    }
  }, [])
  return items
}
