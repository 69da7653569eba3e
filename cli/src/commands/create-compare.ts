/**
 * @module cli/commands/create-compare — `create --compare`: the photo's aligned crop beside the character's aligned
 * render(s), and the independent recognisers' cosine between each render and the photo.
 */
import type { CharacterCreator } from '@facecraft/shared/create'
import { cosine, type EmbedderId, type Face } from '@facecraft/shared/face'
import { createImage, type RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { renderAligned } from './create-render.ts'
import { labelImage } from './create-label.ts'

/** The independent recognisers (never the translator's input). */
const RECOGNISERS: readonly [string, EmbedderId][] = [
  ['faceres', 'face-embedder-eval'],
  ['dlib', 'face-embedder-dlib'],
]

/** Panels (photo crop, then each character) and the side-by-side sheet. */
export interface ComparePanels {
  names: string[]
  images: RgbaImage[]
  sheet: RgbaImage
}

/** The photo's aligned crop and the aligned render of each character (`translator`, then `refined`), side by side. */
export function comparePanels(
  creator: CharacterCreator,
  photo: RgbaImage,
  face: Face,
  characters: Character[],
  size: number
): ComparePanels {
  const images = [creator.faceAnalyzer().alignedCrop(photo, face, size), ...characters.map((c) => renderAligned(c, size))]
  const names = ['photo', 'translator', 'refined'].slice(0, images.length)
  return { names, images, sheet: hstack(images) }
} // prettier-ignore

/** Cosine of each character panel with the photo panel, per independent recogniser (NaN when no face is found). */
export async function similarities(
  creator: CharacterCreator,
  panels: ComparePanels
): Promise<Record<string, Record<string, number>>> {
  const analyzer = creator.faceAnalyzer()
  const embeddings: (Float32Array | null)[][] = []
  for (const image of panels.images) {
    const face = (await analyzer.detect(image)).faces[0]
    const row: (Float32Array | null)[] = []
    for (const [, id] of RECOGNISERS) row.push(face ? await analyzer.embed(image, face, id) : null)
    embeddings.push(row)
  }
  const out: Record<string, Record<string, number>> = {}
  panels.names.slice(1).forEach((name, i) => {
    out[name] = Object.fromEntries(
      RECOGNISERS.map(([label], k) => {
        const a = embeddings[0]![k]
        const b = embeddings[i + 1]![k]
        return [label, a && b ? cosine(a, b) : NaN]
      })
    )
  })
  return out
}

/** The sheet with each panel's name and its similarities to the photo printed under it. */
export function labelledSheet(
  panels: ComparePanels,
  sims: Record<string, Record<string, number>>
): RgbaImage {
  const labels = panels.names.map((name, i) => {
    const lines = [name, ...Object.entries(sims[name] ?? {}).map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toFixed(3) : 'nan'}`)]
    return labelImage(lines, panels.images[i]!.width)
  })
  const height = Math.max(...labels.map((l) => l.height))
  const padded = labels.map((l) => {
    const out = createImage(l.width, height)
    out.data.fill(255)
    out.data.set(l.data)
    return out
  })
  return vstack([panels.sheet, hstack(padded)])
} // prettier-ignore

/** Images of equal width one above the other. */
function vstack(images: RgbaImage[]): RgbaImage {
  const out = createImage(
    images[0]!.width,
    images.reduce((h, im) => h + im.height, 0)
  )
  let offset = 0
  for (const im of images) {
    out.data.set(im.data, offset)
    offset += im.data.length
  }
  return out
}

/** Images of equal height side by side. */
export function hstack(images: RgbaImage[]): RgbaImage {
  const height = images[0]!.height
  const out = createImage(
    images.reduce((w, im) => w + im.width, 0),
    height
  )
  let x0 = 0
  for (const im of images) {
    for (let y = 0; y < height; y++)
      out.data.set(
        im.data.subarray(y * im.width * 4, (y + 1) * im.width * 4),
        (y * out.width + x0) * 4
      )
    x0 += im.width
  }
  return out
}
