/**
 * @module detail/basis — the skin-detail basis (mean and principal components of train photos' fine detail in
 * the shape-free frame) and its compact file: each vector stored as int8 with its own scale, only over the
 * pixels some train face covers. Encoding is deterministic (the same basis gives the same bytes).
 *
 * Layout (little-endian): 'FCSD', u32 format, u32 version, u16 size, u16 count, u32 photos, u32 pixel count N,
 * N u16 pixel indices (row-major in the size x size grid, ascending), count f32 spreads, then the women's mean,
 * the men's mean and each component as f32 scale + N int8.
 */

/** A decoded basis. Vectors are over `pixels` (indices into the size x size shape-free grid). */
export interface SkinDetailBasis {
  /** The basis's version (spec SKIN_DETAIL_VERSION for the released one). */
  version: number
  /** Side of the shape-free grid (px). */
  size: number
  /** Number of components. */
  count: number
  /** Train photos it was learnt from. */
  photos: number
  /** Grid pixels the vectors cover, ascending. */
  pixels: Uint16Array
  /**
   * Mean detail (luminance, 0-255 scale) per covered pixel of the train photos of women and of men: a character's
   * mean is theirs blended by its gender slider (the pooled mean put men's stubble shadow and heavier creases on
   * every woman: FaceRes read 12% fewer of the editor's random women as women).
   */
  means: [female: Float32Array, male: Float32Array]
  /** Unit components (of the detail around each photo's own sex's mean), `count` x pixels.length, largest first. */
  components: Float32Array
  /** Each component's spread (sd of the train photos' coefficients): a weight of 1 is one sd. */
  spread: Float32Array
}

const MAGIC = 0x44534346 // 'FCSD'
const FORMAT = 1

/** The basis as bytes (deterministic). */
export function encodeSkinDetail(b: SkinDetailBasis): Uint8Array {
  const n = b.pixels.length
  const bytes = new Uint8Array(24 + 2 * n + 4 * b.count + (b.count + 2) * (4 + n))
  const view = new DataView(bytes.buffer)
  let o = 0
  const u32 = (v: number) => (view.setUint32(o, v, true), (o += 4))
  const u16 = (v: number) => (view.setUint16(o, v, true), (o += 2))
  const f32 = (v: number) => (view.setFloat32(o, v, true), (o += 4))
  u32(MAGIC)
  u32(FORMAT)
  u32(b.version)
  u16(b.size)
  u16(b.count)
  u32(b.photos)
  u32(n)
  for (const p of b.pixels) u16(p)
  for (const s of b.spread) f32(s)
  const vector = (v: Float32Array) => {
    let max = 0
    for (const x of v) max = Math.max(max, Math.abs(x))
    const scale = max / 127 || 1
    f32(scale)
    for (const x of v) view.setInt8(o++, Math.round(x / Math.fround(scale)))
  }
  vector(b.means[0])
  vector(b.means[1])
  for (let k = 0; k < b.count; k++) vector(b.components.subarray(k * n, (k + 1) * n))
  return bytes
}

/** Decodes a basis file; throws saying what is wrong with it. */
export function decodeSkinDetail(bytes: Uint8Array): SkinDetailBasis {
  const fail = (why: string): never => {
    throw new Error(
      `Not a usable skin-detail basis: ${why}. Rebuild it with models/detail/build.ts.`
    )
  }
  if (bytes.length < 24) fail(`${bytes.length} bytes is too short`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let o = 0
  const u32 = () => ((o += 4), view.getUint32(o - 4, true))
  const u16 = () => ((o += 2), view.getUint16(o - 2, true))
  const f32 = () => ((o += 4), view.getFloat32(o - 4, true))
  if (u32() !== MAGIC) fail('it does not start with FCSD')
  const format = u32()
  if (format !== FORMAT) fail(`file format ${format}, this build reads ${FORMAT}`)
  const version = u32()
  const size = u16()
  const count = u16()
  const photos = u32()
  const n = u32()
  // two means (women, men) and `count` components, each a scale and n bytes
  const expected = 24 + 2 * n + 4 * count + (count + 2) * (4 + n)
  if (bytes.length !== expected) fail(`${bytes.length} bytes where its header says ${expected}`)
  const pixels = new Uint16Array(n)
  for (let i = 0; i < n; i++) {
    pixels[i] = u16()
    if (pixels[i]! >= size * size || (i > 0 && pixels[i]! <= pixels[i - 1]!))
      fail(`pixel index ${i} is out of order`)
  }
  const spread = new Float32Array(count)
  for (let k = 0; k < count; k++) spread[k] = f32()
  const vector = (out: Float32Array) => {
    const scale = f32()
    for (let i = 0; i < n; i++) out[i] = view.getInt8(o++) * scale
  }
  const means: [Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n)]
  vector(means[0])
  vector(means[1])
  const components = new Float32Array(count * n)
  for (let k = 0; k < count; k++) vector(components.subarray(k * n, (k + 1) * n))
  return { version, size, count, photos, pixels, means, components, spread }
}

/** The mean of a character whose gender slider is `male` (0 female .. 1 male): the two means blended. */
export function meanFor(b: SkinDetailBasis, male: number): Float32Array {
  const m = Math.min(1, Math.max(0, male))
  const [f, h] = b.means
  return Float32Array.from(f, (v, i) => v + (h[i]! - v) * m)
}

/**
 * The detail image (size x size, luminance on the 0-255 scale, 0 where no face was) of `weights` (each in units
 * of its component's spread; fewer than `count` weights leave the rest at 0) on a character of gender `male`.
 */
export function detailImage(
  b: SkinDetailBasis,
  weights: ArrayLike<number>,
  male: number
): Float32Array {
  const n = b.pixels.length
  const v = meanFor(b, male)
  const k = Math.min(b.count, weights.length)
  for (let c = 0; c < k; c++) {
    const w = weights[c]! * b.spread[c]!
    if (w === 0) continue
    const comp = b.components.subarray(c * n, (c + 1) * n)
    for (let i = 0; i < n; i++) v[i] = v[i]! + w * comp[i]!
  }
  const out = new Float32Array(b.size * b.size)
  for (let i = 0; i < n; i++) out[b.pixels[i]!] = v[i]!
  return out
}
