/**
 * @module translator/photo-augment — a worse copy of a train photo, as phones take them: fewer pixels (a small or
 * distant face, a soft lens), another exposure and white balance, and JPEG blocks. The translator's photo terms
 * then also see features of these copies against the clean photo's targets, so that a poor photo of a person asks
 * for the same character as a good one (issue 10: augment colour, blur, JPEG; photo-features.ts --augment).
 *
 * No flip and no crop: the copy stays pixel-aligned with the photo whose refine targets (aligned crop, parts,
 * landmarks) the imitator terms compare against, and the face models align every face themselves.
 */
import { encode as encodeJpeg, decode as decodeJpeg } from 'jpeg-js'
import { downscaleToRgba } from '@facecraft/shared/decode'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Rng } from '@facecraft/shared/utils'

/** The ranges a copy is drawn from (each uniform). */
export const DEGRADE = {
  /**
   * The face's width after the area-average downscale, px (a photo whose face is already narrower keeps its size):
   * from a distant or cropped-in face up to a sharp one. The recogniser crops are 112-150 px.
   */
  faceWidth: [56, 160],
  /** Per-channel gain (white balance) and overall gain (exposure). */
  channelGain: [0.88, 1.12],
  gain: [0.75, 1.25],
  /** Exponent on [0, 1] values: < 1 lifts shadows, > 1 deepens them. */
  gamma: [0.8, 1.25],
  /** JPEG quality (jpeg-js, 1-100). */
  jpegQuality: [20, 75],
} as const

const draw = (random: Rng, [lo, hi]: readonly [number, number]) => lo + (hi - lo) * random()

/**
 * One degraded copy of `image` (a new image; the input is not changed), drawn with `random` (createRng: the same
 * seed gives the same copy on every machine); `faceWidth` is the width, px, of the face found in it (Face.box.width).
 */
export function degradePhoto(image: RgbaImage, faceWidth: number, random: Rng): RgbaImage {
  const scale = Math.min(1, draw(random, DEGRADE.faceWidth) / faceWidth)
  const width = Math.max(1, Math.round(image.width * scale))
  const height = Math.max(1, Math.round(image.height * scale))
  const small = downscaleToRgba(image.data, image.width, image.height, 4, width, height)
  const gain = draw(random, DEGRADE.gain)
  const channel = [0, 1, 2].map(() => gain * draw(random, DEGRADE.channelGain))
  const gamma = draw(random, DEGRADE.gamma)
  // One lookup table per channel: the pixel loop stays a table read.
  const tables = channel.map((g) => {
    const t = new Uint8ClampedArray(256)
    for (let v = 0; v < 256; v++) t[v] = Math.round(255 * Math.pow(v / 255, gamma) * g)
    return t
  })
  const d = small.data
  for (let i = 0; i < d.length; i += 4) {
    d[i] = tables[0]![d[i]!]!
    d[i + 1] = tables[1]![d[i + 1]!]!
    d[i + 2] = tables[2]![d[i + 2]!]!
    d[i + 3] = 255
  }
  const quality = Math.round(draw(random, DEGRADE.jpegQuality))
  const jpeg = encodeJpeg({ data: d, width, height }, quality).data
  const back = decodeJpeg(jpeg, { useTArray: true, formatAsRGBA: true })
  return {
    width,
    height,
    data: new Uint8ClampedArray(back.data.buffer, back.data.byteOffset, back.data.length),
  }
}
