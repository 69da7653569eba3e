/** @module face/masks — part masks rasterised from mesh polygons, and robust part colours (medians). */
import type { RgbaImage } from '../image/types.ts'
import { applyAffine, invertAffine, type Affine } from './affine.ts'
import { FACE_PARTS, PART_POLYGONS, type FacePart } from './parts.ts'

/** One label per pixel: 0 background, 1 + index in FACE_PARTS (skin 1, brows 2, eyes 3, nose 4, lips 5). */
export interface PartLabels {
  width: number
  height: number
  labels: Uint8Array
}

/**
 * Rasterises the part polygons of `mesh` (image pixels) into a `width`x`height` label map; `imageToFrame` maps
 * image pixels into the output frame (identity for the image itself, the inverse alignment for aligned crops).
 * Later parts overwrite earlier ones, so skin excludes brows, eyes, nose and lips.
 */
export function partLabels(
  mesh: Float32Array,
  width: number,
  height: number,
  imageToFrame: Affine = [1, 0, 0, 0, 1, 0]
): PartLabels {
  const polygons = FACE_PARTS.flatMap((part, k) =>
    PART_POLYGONS[part].map((polygon) => [polygon, k + 1] as const)
  )
  return { width, height, labels: polygonLabels(mesh, polygons, width, height, imageToFrame) }
}

/**
 * Rasterises `polygons` (vertex loops of `mesh`, image pixels, each with the label it writes) into a
 * `width`x`height` label map through `imageToFrame`, in order: a later polygon overwrites an earlier one, and one
 * written with label 0 cuts a hole (the lips' vermilion: the outer contour, then the inner one as 0).
 */
export function polygonLabels(
  mesh: Float32Array,
  polygons: readonly (readonly [readonly number[], number])[],
  width: number,
  height: number,
  imageToFrame: Affine = [1, 0, 0, 0, 1, 0]
): Uint8Array {
  const labels = new Uint8Array(width * height)
  for (const [polygon, value] of polygons) {
    const pts = polygon.flatMap((i) => applyAffine(imageToFrame, mesh[i * 3]!, mesh[i * 3 + 1]!))
    fillPolygon(labels, width, height, pts, value)
  }
  return labels
}

/** The map from image pixels to the pixels of the aligned crop of `size` for `alignToImage`; null when the
 * alignment is degenerate. */
export function alignedFrame(alignToImage: Affine, size: number): Affine | null {
  const inv = invertAffine(alignToImage)
  return (
    inv && [
      inv[0] * size,
      inv[1] * size,
      inv[2] * size,
      inv[3] * size,
      inv[4] * size,
      inv[5] * size,
    ]
  )
}

/** Label map in the aligned frame of size `size` for a face's alignToImage map. */
export function alignedPartLabels(
  mesh: Float32Array,
  alignToImage: Affine,
  size: number
): PartLabels {
  const frame = alignedFrame(alignToImage, size)
  if (!frame)
    throw new Error(
      'The face alignment is degenerate; the face is too small or the mesh collapsed.'
    )
  return partLabels(mesh, size, size, frame)
}

/** Even-odd scanline fill of a closed polygon (flat [x, y, ...], continuous pixel coords) with `value`. */
function fillPolygon(
  out: Uint8Array,
  width: number,
  height: number,
  pts: number[],
  value: number
): void {
  const n = pts.length >> 1
  let minY = Infinity, maxY = -Infinity // prettier-ignore
  for (let i = 0; i < n; i++) {
    minY = Math.min(minY, pts[2 * i + 1]!)
    maxY = Math.max(maxY, pts[2 * i + 1]!)
  }
  const xs: number[] = []
  for (let y = Math.max(0, Math.floor(minY)); y < Math.min(height, Math.ceil(maxY)); y++) {
    const sy = y + 0.5 // sample at pixel centres
    xs.length = 0
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = pts[2 * i + 1]!
      const yj = pts[2 * j + 1]!
      if (yi > sy === yj > sy) continue
      xs.push(pts[2 * i]! + ((sy - yi) * (pts[2 * j]! - pts[2 * i]!)) / (yj - yi))
    }
    xs.sort((a, b) => a - b)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const x0 = Math.max(0, Math.ceil(xs[k]! - 0.5))
      const x1 = Math.min(width - 1, Math.floor(xs[k + 1]! - 0.5))
      for (let x = x0; x <= x1; x++) out[x + y * width] = value
    }
  }
}

/** sRGB colour 0..255 per part (null when the part has too few pixels), the per-channel median. */
export type PartColors = Record<FacePart, [number, number, number] | null>

/**
 * Median colour of each part over `image` pixels labelled in `labels` (same size as the image). Medians ignore
 * highlights, shadows and stray pixels at the polygon edges. Eyes mix sclera, iris and lashes: read with care.
 */
export function partColors(image: RgbaImage, labels: PartLabels, minPixels = 12): PartColors {
  const buckets = FACE_PARTS.map(() => [[], [], []] as number[][])
  for (let i = 0; i < labels.labels.length; i++) {
    const l = labels.labels[i]!
    if (!l) continue
    const b = buckets[l - 1]!
    for (let c = 0; c < 3; c++) b[c]!.push(image.data[i * 4 + c]!)
  }
  const out = {} as PartColors
  FACE_PARTS.forEach((part, k) => {
    const b = buckets[k]!
    out[part] = b[0]!.length < minPixels ? null : (b.map(median) as [number, number, number])
  })
  return out
}

function median(values: number[]): number {
  values.sort((a, b) => a - b)
  return values[values.length >> 1]!
}
