/**
 * @module features/share/save-picture — a character out of the app as a picture: "Save image" downloads a PNG;
 * a share card goes to the phone's share sheet with the file where the browser can share files, else downloads.
 */
import type { Character } from '@facecraft/shared/rig'
import { cardBlob, pictureBlob } from '../render/renderer.ts'

/** A file name from the character's name (what the player typed, minus characters file systems refuse). */
export function pictureFileName(name: string, suffix = ''): string {
  const safe =
    [...name]
      .filter((c) => c >= ' ' && !'\\/:*?"<>|'.includes(c))
      .join('')
      .trim() || 'character'
  return `${safe}${suffix}.png`
}

function download(blob: Blob, filename: string): void {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

/** Downloads the 1024 px PNG. */
export async function savePicture(character: Character, name: string, background: boolean) {
  download(await pictureBlob(character, background), pictureFileName(name))
}

/** Shares the card as a file where supported (phones), else downloads it. Resolves to what happened. */
export async function shareCard(character: Character, name: string): Promise<'shared' | 'saved'> {
  const filename = pictureFileName(name, ' card')
  const blob = await cardBlob(character, name)
  const file = new File([blob], filename, { type: 'image/png' })
  if (navigator.canShare?.({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: name })
      return 'shared'
    } catch (error) {
      if ((error as Error).name === 'AbortError') return 'shared'
      // Sharing can fail (no target app); the download below still gets the card out.
    }
  }
  download(blob, filename)
  return 'saved'
}
