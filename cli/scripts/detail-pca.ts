/**
 * @file The skin-detail basis of the face-region diagnostics (detail-basis.ts, detail-transfer.ts): the luminance
 * band-pass of an aligned crop (224 px) inside its skin and nose labels, and its principal components over train
 * photos (PCA through the Gram matrix, cyclic Jacobi: the photos are far fewer than the pixels).
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PartLabels } from '@facecraft/shared/face'
import { gaussianBlur, pca as sharedPca } from '@facecraft/shared/detail'

export const SIZE = 224
export const PIXELS = SIZE * SIZE
/** Part labels the detail lives in: skin and nose (eyes, brows and lips cost little: region-swap.ts). */
export const MASK = new Set([1, 4])
/** Gaussian sigmas (px at 224) of each band: fine = the crop minus its blur at 3 px, mid = blur 3 minus blur 8. */
export const BANDS = { fine: [0, 3], mid: [3, 8], coarse: [8, 16] } as const
export type Band = keyof typeof BANDS

/** The luminance band-pass of an aligned crop, zero outside MASK. */
export function bandPass(crop: Uint8ClampedArray, labels: PartLabels, band: Band): Float32Array {
  const [lo, hi] = BANDS[band]
  const lum = new Float32Array(PIXELS)
  for (let i = 0; i < PIXELS; i++)
    lum[i] = 0.299 * crop[i * 4]! + 0.587 * crop[i * 4 + 1]! + 0.114 * crop[i * 4 + 2]!
  const a = lo > 0 ? gaussianBlur(lum, SIZE, lo) : lum
  const b = gaussianBlur(lum, SIZE, hi)
  const out = new Float32Array(PIXELS)
  for (let i = 0; i < PIXELS; i++) if (MASK.has(labels.labels[i]!)) out[i] = a[i]! - b[i]!
  return out
}

export interface Basis {
  mean: Float32Array
  /** Unit-length components, largest variance first. */
  components: Float32Array[]
}

/** Mean and the first `k` principal components of `rows` (detail/pca), with the variance share of each first-K. */
export function pca(
  rows: Float32Array[],
  k: number,
  report: number[] = []
): Basis & { shares: number[] } {
  const p = sharedPca(rows, k)
  const shares = report.map((kk) => p.variances.slice(0, kk).reduce((a, b) => a + b, 0) / p.total)
  return { mean: p.mean, components: p.components, shares }
}

/** `detail` projected on the basis mean and its first k components. */
export function project(basis: Basis, detail: Float32Array, k: number): Float32Array {
  const P = detail.length
  const out = Float32Array.from(basis.mean)
  const r = detail.map((v, i) => v - basis.mean[i]!)
  for (const c of basis.components.slice(0, k)) {
    let s = 0
    for (let i = 0; i < P; i++) s += c[i]! * r[i]!
    for (let i = 0; i < P; i++) out[i] = out[i]! + s * c[i]!
  }
  return out
}

/** The train photos of a faces folder (Canada, then Pixabay, each in name order), as paths. */
export function trainPhotos(dir: string): string[] {
  const jpgs = (set: string) =>
    readdirSync(join(dir, set))
      .filter((f) => f.endsWith('.jpg'))
      .sort()
      .map((f) => join(dir, set, f))
  return [...jpgs('canada'), ...jpgs('pixabay')]
}
