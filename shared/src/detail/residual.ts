/**
 * @module detail/residual — what a photo's fine detail has beyond its weights: the read's residual (the photo's
 * fine band minus its fit on the basis) at each of the fine grid's SKIN_DETAIL_PIXELS pixels, as a character carries
 * it (`Character.detail.residual`): 4 bits a pixel, two pixels a byte, as base64url text.
 *
 * Why a residual and not more components: the basis is learnt from 847 train photos, so no number of its components
 * holds a new face's own moles, creases and pores; and every component is bytes a phone downloads (the engine's 2 MB
 * budget: detail/spec). The residual costs the download nothing and a character 1,400 characters of text. Drawn on
 * top of the weights' image, it raised London's refined id_cos by 0.010 (FaceRes; 0.009 against the SMILING photos
 * mirrored, so it is the person, not the studio's light: docs/likeness.md "Session 44").
 *
 * Levels: RESIDUAL_STEP luminance levels (of 255) a step, -8..7 steps. Over London's photos the residual's spread is
 * 2.4 levels (1st-99th percentile -6.3..6.1), so the steps' rounding (0.29 levels) is far under it and only the
 * 0.3% beyond +-7.5 are clipped.
 */
import { fromBase64UrlOfLength, toBase64Url } from '../utils/base64url.ts'
import { SKIN_DETAIL_PIXELS } from './spec.ts'

/** Luminance levels (0-255 scale) per step of a residual. */
export const RESIDUAL_STEP = 1
/** Characters of a residual's text: SKIN_DETAIL_PIXELS nibbles, base64url (1,050 bytes: 1,400, no padding). */
export const RESIDUAL_CHARS = Math.ceil(((SKIN_DETAIL_PIXELS / 2) * 8) / 6)
/** Bytes of a residual (two pixels a byte): what a share code carries. */
export const RESIDUAL_BYTES = SKIN_DETAIL_PIXELS / 2

/**
 * Rows of the shape-free frame (unit square, y) a character's glasses cover: from above the brows to the nose's
 * middle, temples included (session 36's glasses band). A photo's frames are dark, sharp edges, read in part as
 * occluders and left out, in part not: the rest of them would be drawn into the skin, a second pair of frames under
 * the character's own. Where the character wears glasses its residual is 0 there (`withoutRows`).
 */
export const GLASSES_ROWS: readonly [number, number] = [0.385, 0.555]

/**
 * `values` (one per basis pixel, `pixels` of a `size` x `size` grid) with those whose row's centre lies in `rows`
 * (unit square) set to 0.
 */
export function withoutRows(
  values: Float32Array,
  pixels: ArrayLike<number>,
  size: number,
  [y0, y1]: readonly [number, number]
): Float32Array {
  return values.map((v, i) => {
    const y = (Math.floor(pixels[i]! / size) + 0.5) / size
    return y >= y0 && y <= y1 ? 0 : v
  })
}

const LOW = -8
const HIGH = 7

/** A residual's step (-8..7) for a value in levels. */
const step = (v: number) => Math.max(LOW, Math.min(HIGH, Math.round(v / RESIDUAL_STEP)))

/** The bytes of a residual (SKIN_DETAIL_PIXELS values in levels, basis pixel order): two 4-bit steps a byte. */
export function residualBytes(values: ArrayLike<number>): Uint8Array {
  if (values.length !== SKIN_DETAIL_PIXELS)
    throw new Error(
      `A skin-detail residual has ${SKIN_DETAIL_PIXELS} values (one per pixel of the basis), got ${values.length}.`
    )
  const out = new Uint8Array(RESIDUAL_BYTES)
  for (let i = 0; i < RESIDUAL_BYTES; i++)
    out[i] = ((step(values[2 * i]!) - LOW) << 4) | (step(values[2 * i + 1]!) - LOW)
  return out
}

/** The values (levels) of a residual's bytes. */
export function residualValues(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(SKIN_DETAIL_PIXELS)
  for (let i = 0; i < RESIDUAL_BYTES; i++) {
    out[2 * i] = ((bytes[i]! >> 4) + LOW) * RESIDUAL_STEP
    out[2 * i + 1] = ((bytes[i]! & 15) + LOW) * RESIDUAL_STEP
  }
  return out
}

/** A residual as a character carries it (text), from its values in levels. */
export function encodeResidual(values: ArrayLike<number>): string {
  return toBase64Url(residualBytes(values))
}

/** A residual's bytes from its text, or null where the text is not one (wrong length or characters). */
export function residualFromText(text: string): Uint8Array | null {
  return fromBase64UrlOfLength(text, RESIDUAL_BYTES)
}

/** The values (levels) of a residual's text; throws for text that is not one. */
export function decodeResidual(text: string): Float32Array {
  const bytes = residualFromText(text)
  if (!bytes)
    throw new Error(
      `Not a skin-detail residual: it is ${RESIDUAL_CHARS} base64url characters; remove the detail or read the photo again.`
    )
  return residualValues(bytes)
}
