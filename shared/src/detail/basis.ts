/**
 * @module detail/basis — the skin-detail basis (mean and principal components of train photos' fine detail in
 * the shape-free frame) and its compact file: each vector stored as int8 with its own scale, only over the
 * pixels some train face covers. Encoding is deterministic (the same basis gives the same bytes).
 *
 * Layout (little-endian): 'FCSD', u32 format, u32 version, u16 size, u16 count, u32 photos, u32 pixel count N,
 * N u16 pixel indices (row-major in the size x size grid, ascending), count f32 spreads, then the women's mean,
 * the men's mean and each component as f32 scale + N int8. Format 2 adds, after the components, u16 E and E sets
 * of earlier means (u32 the last version they serve, then women's and men's mean as above), oldest first; a basis
 * without earlier means is written as format 1, byte for byte as before. Format 3 adds, after the earlier means
 * (u16 E always written), u32 L and L bytes: the mid band, a whole basis file of format 1 (see `mid`).
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
   * Women's and men's mean detail (luminance, 0-255 scale) per covered pixel: a character's mean is the two blended
   * by its gender slider (the pooled mean put men's stubble shadow and heavier creases on every woman: FaceRes read
   * 12% fewer of the editor's random women as women). Since v3 they are fitted as the engine blends them, on the
   * gender slider the creator gives each train photo (models/detail/build.ts), not on any photo label.
   */
  means: [female: Float32Array, male: Float32Array]
  /**
   * The means characters read on earlier versions are drawn with, where those differed: each serves the versions up
   * to `through` (after the previous entry's), ascending. Empty when every version shares `means`. Why: the weights
   * of a read are around the mean of its own version, so keeping that mean draws a saved character as it always was.
   */
  earlierMeans: readonly EarlierMeans[]
  /** Unit components (of the photos' detail around their pooled mean), `count` x pixels.length, largest first. */
  components: Float32Array
  /** Each component's spread (sd of the train photos' coefficients): a weight of 1 is one sd. */
  spread: Float32Array
  /**
   * The mid band (since v4): the same kind of basis over the band between blurs of MID_BAND sigmas (folds and the
   * features' shading at 3-7 mm), on its own coarser grid, with its own means and components. Its `version` is the
   * first basis version whose reads carry it: a read of that version or later has `count` fine weights, then
   * `mid.count` mid weights. Absent before v4 (reads of earlier versions draw no mid band).
   */
  mid?: SkinDetailBasis
}

/** Means that served basis versions up to `through`. */
export interface EarlierMeans {
  through: number
  means: [female: Float32Array, male: Float32Array]
}

const MAGIC = 0x44534346 // 'FCSD'

/** The basis as bytes (deterministic). */
export function encodeSkinDetail(b: SkinDetailBasis): Uint8Array {
  const n = b.pixels.length
  const e = b.earlierMeans.length
  const mid = b.mid ? encodeSkinDetail(b.mid) : null
  if (b.mid && (b.mid.mid || b.mid.earlierMeans.length))
    throw new Error('A mid band is a plain basis: no band or earlier means of its own.')
  const format = mid ? 3 : e ? 2 : 1
  const bytes = new Uint8Array(
    24 +
      2 * n +
      4 * b.count +
      (b.count + 2) * (4 + n) +
      (format > 1 ? 2 + e * (4 + 2 * (4 + n)) : 0) +
      (mid ? 4 + mid.length : 0)
  )
  const view = new DataView(bytes.buffer)
  let o = 0
  const u32 = (v: number) => (view.setUint32(o, v, true), (o += 4))
  const u16 = (v: number) => (view.setUint16(o, v, true), (o += 2))
  const f32 = (v: number) => (view.setFloat32(o, v, true), (o += 4))
  u32(MAGIC)
  u32(format)
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
  if (format > 1) u16(e)
  for (const earlier of b.earlierMeans) {
    u32(earlier.through)
    vector(earlier.means[0])
    vector(earlier.means[1])
  }
  if (mid) {
    u32(mid.length)
    bytes.set(mid, o)
  }
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
  if (format < 1 || format > 3) fail(`file format ${format}, this build reads 1 to 3`)
  const version = u32()
  const size = u16()
  const count = u16()
  const photos = u32()
  const n = u32()
  // two means (women, men) and `count` components, each a scale and n bytes
  const base = 24 + 2 * n + 4 * count + (count + 2) * (4 + n)
  const e = format > 1 && bytes.length >= base + 2 ? view.getUint16(base, true) : 0
  let expected = format > 1 ? base + 2 + e * (4 + 2 * (4 + n)) : base
  const midBytes = format === 3 && bytes.length >= expected + 4 ? view.getUint32(expected, true) : 0
  if (format === 3) expected += 4 + midBytes
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
  const earlierMeans: EarlierMeans[] = []
  if (format > 1) o += 2
  for (let k = 0; k < e; k++) {
    const through = u32()
    if (through >= version || (k > 0 && through <= earlierMeans[k - 1]!.through))
      fail(`earlier means ${k} serve version ${through}, out of order for basis v${version}`)
    const pair: [Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n)]
    vector(pair[0])
    vector(pair[1])
    earlierMeans.push({ through, means: pair })
  }
  const basis: SkinDetailBasis = {
    version,
    size,
    count,
    photos,
    pixels,
    means,
    earlierMeans,
    components,
    spread,
  }
  if (format === 3) {
    o += 4
    const mid = decodeSkinDetail(bytes.subarray(o, o + midBytes))
    if (mid.mid || mid.earlierMeans.length)
      fail('its mid band has a band or earlier means of its own')
    if (mid.version > version)
      fail(`its mid band serves v${mid.version}, after the basis's own v${version}`)
    basis.mid = mid
  }
  return basis
}

/**
 * `b` as the basis of an earlier version `version` was released, with `count` weights in all (detail/spec
 * SKIN_DETAIL_COUNTS): its first fine components and spreads, the means that version's reads are around and the
 * earlier versions' means, and from the mid band's version on, the band's first components. Each version extends
 * the one before bit for bit, so this is that file's basis exactly (detail.test.ts checks each released sha256): what
 * shows that a character saved on it draws as it always did.
 */
export function asReleased(b: SkinDetailBasis, version: number, count: number): SkinDetailBasis {
  const fine = Math.min(count, b.count)
  const mid = midFor(b, version)
  const midCount = count - fine
  return {
    ...b,
    version,
    count: fine,
    means: b.earlierMeans.find((e) => version <= e.through)?.means ?? b.means,
    earlierMeans: b.earlierMeans.filter((e) => e.through < version),
    components: b.components.slice(0, fine * b.pixels.length),
    spread: b.spread.slice(0, fine),
    mid: mid && {
      ...mid,
      count: midCount,
      components: mid.components.slice(0, midCount * mid.pixels.length),
      spread: mid.spread.slice(0, midCount),
    },
  }
}

/** The mid band a read on `b` of version `version` carries: `b.mid` from the band's version on, else none. */
function midFor(b: SkinDetailBasis, version: number): SkinDetailBasis | undefined {
  return b.mid && version >= b.mid.version ? b.mid : undefined
}

/** How many weights a read on `b` of version `version` has: its fine components, and its mid band's if it draws one. */
export function weightCount(b: SkinDetailBasis, version = b.version): number {
  return b.count + (midFor(b, version)?.count ?? 0)
}

/**
 * The mean of a character whose gender slider is `male` (0 female .. 1 male) read on basis version `version`
 * (default: the basis's own): that version's two means blended.
 */
export function meanFor(b: SkinDetailBasis, male: number, version = b.version): Float32Array {
  const m = Math.min(1, Math.max(0, male))
  const [f, h] = b.earlierMeans.find((e) => version <= e.through)?.means ?? b.means
  return Float32Array.from(f, (v, i) => v + (h[i]! - v) * m)
}

/**
 * The detail image (size x size, luminance on the 0-255 scale, 0 where no face was) of `weights` (each in units
 * of its component's spread; fewer than `count` weights leave the rest at 0) read on basis version `version`
 * (default: the basis's own) on a character of gender `male`. From the mid band's version on, the mid band's image
 * of the weights after the first `count` is added, upsampled to this grid, around the band's mean less its average
 * over the face. Why less its average: the band stops at the skin's edge, so beside darker brows, eyes and lips it
 * is bright, and its mean averages +5.7 of 255 over the face (women's; men's +2.2). Drawn whole it lifted the
 * skin's colour (London skin_delta_e 2.2 -> 3.6) and paled the eyes' surroundings; drawn less its average, London's
 * characters were more like their people than either whole or without the mean (docs/likeness.md, "Session 34").
 */
export function detailImage(
  b: SkinDetailBasis,
  weights: ArrayLike<number>,
  male: number,
  version = b.version
): Float32Array {
  const out = bandImage(b, weights, meanFor(b, male, version))
  const mid = midFor(b, version)
  if (mid) {
    const rest = Float32Array.from(
      { length: Math.max(0, weights.length - b.count) },
      (_, i) => weights[b.count + i]!
    )
    const m = meanFor(mid, male)
    const dc = m.reduce((a, v) => a + v, 0) / m.length
    addUpsampled(
      out,
      b.size,
      bandImage(
        mid,
        rest,
        m.map((v) => v - dc)
      ),
      mid.size
    )
  }
  return out
}

/** One band's image on its own grid: `start` (over its pixels) plus the weighted components. */
function bandImage(
  b: SkinDetailBasis,
  weights: ArrayLike<number>,
  start: Float32Array
): Float32Array {
  const n = b.pixels.length
  const v = start
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

/**
 * Adds `from` (a `small` x `small` grid over the same unit square) to `to` (`size` x `size`), bilinearly upsampled
 * (pixel centres aligned; edges clamped).
 */
function addUpsampled(to: Float32Array, size: number, from: Float32Array, small: number): void {
  const f = small / size
  for (let y = 0; y < size; y++) {
    const sy = Math.min(small - 1, Math.max(0, (y + 0.5) * f - 0.5))
    const y0 = Math.floor(sy)
    const y1 = Math.min(small - 1, y0 + 1)
    const ty = sy - y0
    for (let x = 0; x < size; x++) {
      const sx = Math.min(small - 1, Math.max(0, (x + 0.5) * f - 0.5))
      const x0 = Math.floor(sx)
      const x1 = Math.min(small - 1, x0 + 1)
      const tx = sx - x0
      const top = from[y0 * small + x0]! + (from[y0 * small + x1]! - from[y0 * small + x0]!) * tx
      const bottom = from[y1 * small + x0]! + (from[y1 * small + x1]! - from[y1 * small + x0]!) * tx
      to[y * size + x] = to[y * size + x]! + top + (bottom - top) * ty
    }
  }
}
