/**
 * @module features/photo/use-photo — the photo of a character for a screen (live: removing it updates the view),
 * and its face crop as an object URL.
 */
import { useEffect, useState } from 'preact/hooks'
import { getPhoto, onPhotoChange, type StoredPhoto } from '../../lib/store/photos.ts'
import { faceCropUrl } from './face-crop.ts'

/** The stored photo of character `id`; null when it has none, undefined while reading. */
export function usePhoto(id: string | undefined): StoredPhoto | null | undefined {
  const [photo, setPhoto] = useState<StoredPhoto | null | undefined>(undefined)
  useEffect(() => {
    if (!id) return
    let alive = true
    const load = () => void getPhoto(id).then((p) => alive && setPhoto(p))
    load()
    const off = onPhotoChange((changed) => changed === id && load())
    return () => ((alive = false), off())
  }, [id])
  return photo
}

/** The face crop of `photo` as an object URL (revoked when the photo changes); null without one. */
export function useFaceCrop(photo: StoredPhoto | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!photo) return setUrl(null)
    let alive = true
    let made: string | null = null
    void faceCropUrl(photo.photo, photo, photo.width).then((u) => {
      made = u
      if (alive) setUrl(u)
      else URL.revokeObjectURL(u)
    })
    return () => {
      alive = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [photo])
  return url
}
