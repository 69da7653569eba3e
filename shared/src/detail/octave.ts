/**
 * @module detail/octave — the photo's finest octave: what its fine band has at the read's own READ_SIZE px that
 * the basis grid (half that side, a 2 x 2 box average) cannot hold, at each of the four READ_SIZE pixels under
 * each basis pixel, as a character carries it (`Character.detail.octave`): 3 bits a pixel, eight pixels in three
 * bytes, as base64url text.
 *
 * Why: with the residual (detail/residual) a character's detail is the photo's fine band on the 112 px grid, and
 * the engine draws it sharpened and upsampled (detail/resample); the band's top octave (0-1.5 px at 224: the crisp
 * edge of a nostril, a lid crease, a lip line, the grain of stubble and freckles) was lost. Put back on 30 London
 * people (the aligned 224 px frame; drawn as detail/resample OCTAVE_DRAW says), the person's own octave raised
 * FaceRes's cosine to their other photo by +0.022 (26 of 30 closer; dlib +0.004, MobileFace +0.014); through the
 * creator on all of London and on held-out photos, docs/likeness.md "Session 51".
 *
 * Levels: the octave's values (luminance levels of 255) spread 3.4 (RMS) with heavy tails (the edges that matter
 * most are the strongest), so a uniform 4-bit step clipped 7% of them and lost a third of the gain. The steps
 * here are companded: step k (-4..3) stands for sign(k) (|k| + 0.8 k^2) levels (0, +-1.8, +-5.2, +-10.2, -16.8;
 * the extra step is dark: creases and nostrils are darker than the skin around them), which kept all but 0.001
 * of the unquantised gain in 3 bits.
 */
import { fromBase64UrlOfLength, toBase64Url } from '../utils/base64url.ts'
import { SKIN_DETAIL_PIXELS } from './spec.ts'

/** Pixels of an octave: the four READ_SIZE pixels under each of the fine grid's SKIN_DETAIL_PIXELS. */
export const OCTAVE_PIXELS = SKIN_DETAIL_PIXELS * 4
/** Bytes of an octave (eight 3-bit steps in three bytes): what a share code carries. */
export const OCTAVE_BYTES = (OCTAVE_PIXELS * 3) / 8
/** Characters of an octave's text (base64url of OCTAVE_BYTES, no padding: 4,200). */
export const OCTAVE_CHARS = Math.ceil((OCTAVE_BYTES * 8) / 6)

const LOW = -4
const HIGH = 3
/** The value (levels) each step stands for, by |step|. */
const LEVELS = Array.from({ length: -LOW + 1 }, (_, k) => k + 0.8 * k * k)

/** The levels step `k` (-4..3) of an octave stands for. */
export function octaveLevel(k: number): number {
  return Math.sign(k) * LEVELS[Math.abs(k)]!
}

/** The step (-4..3) whose level is nearest `v` (ties to the smaller magnitude). */
function step(v: number): number {
  const a = Math.abs(v)
  let k = 0
  while (k < LEVELS.length - 1 && a - LEVELS[k]! > LEVELS[k + 1]! - a) k++
  return Math.max(LOW, Math.min(HIGH, v < 0 ? -k : k))
}

/**
 * The pixels of a `size * 2` grid under `pixels` (indices into a `size` x `size` grid, e.g. a basis's), ascending:
 * the order of an octave's values.
 */
export function octavePixels(pixels: ArrayLike<number>, size: number): Uint32Array {
  const side = size * 2
  const out = new Uint32Array(pixels.length * 4)
  let n = 0
  for (let k = 0; k < pixels.length; k++) {
    const x = (pixels[k]! % size) * 2
    const y = Math.floor(pixels[k]! / size) * 2
    out[n++] = y * side + x
    out[n++] = y * side + x + 1
    out[n++] = (y + 1) * side + x
    out[n++] = (y + 1) * side + x + 1
  }
  return out.sort()
}

/** The bytes of an octave (OCTAVE_PIXELS values in levels, octavePixels order): eight 3-bit steps in three bytes. */
export function octaveBytes(values: ArrayLike<number>): Uint8Array {
  if (values.length !== OCTAVE_PIXELS)
    throw new Error(
      `A skin-detail octave has ${OCTAVE_PIXELS} values (four per pixel of the basis), got ${values.length}.`
    )
  const out = new Uint8Array(OCTAVE_BYTES)
  for (let g = 0; g < OCTAVE_PIXELS / 8; g++) {
    let bits = 0
    for (let j = 0; j < 8; j++) bits = (bits << 3) | (step(values[g * 8 + j]!) - LOW)
    out[g * 3] = bits >>> 16
    out[g * 3 + 1] = (bits >>> 8) & 255
    out[g * 3 + 2] = bits & 255
  }
  return out
}

/** The values (levels) of an octave's bytes. */
export function octaveValues(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(OCTAVE_PIXELS)
  for (let g = 0; g < OCTAVE_PIXELS / 8; g++) {
    const bits = (bytes[g * 3]! << 16) | (bytes[g * 3 + 1]! << 8) | bytes[g * 3 + 2]!
    for (let j = 0; j < 8; j++) out[g * 8 + j] = octaveLevel(((bits >>> (21 - 3 * j)) & 7) + LOW)
  }
  return out
}

/** An octave as a character carries it (text), from its values in levels. */
export function encodeOctave(values: ArrayLike<number>): string {
  return toBase64Url(octaveBytes(values))
}

/** An octave's bytes from its text, or null where the text is not one (wrong length or characters). */
export function octaveFromText(text: string): Uint8Array | null {
  return fromBase64UrlOfLength(text, OCTAVE_BYTES)
}

/** The values (levels) of an octave's text; throws for text that is not one. */
export function decodeOctave(text: string): Float32Array {
  const bytes = octaveFromText(text)
  if (!bytes)
    throw new Error(
      `Not a skin-detail octave: it is ${OCTAVE_CHARS} base64url characters; smooth or remove the detail, or read the photo again.`
    )
  return octaveValues(bytes)
}
