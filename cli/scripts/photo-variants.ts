/**
 * @file London as if one of its photos came from another session or camera: a person-folder set for
 * `eval likeness --photos` (the first photo creates, the second is ranked). Why: London's two photos share one studio
 * light and camera, so whatever the creator copies from the photo (skin detail, most of all) is favoured, and
 * players' photos are not studio portraits; a change that keeps the person and moves the rest says how much of a
 * figure is the person's, and how the creator holds up.
 * The SMILING photo (ranked) changed, the neutral one creating as it is:
 * - `mirror`: the smiling photo flipped left to right: the light and the face's own asymmetries (moles, a crooked
 *   crease) move to the other side; only what is symmetric in the person still matches.
 * - `relit`: the light from one side (linear light x 0.45 on the left to x 1.45 on the right; x 0.75 to 1.15 across
 *   the face), a warmer white balance and a softer camera (a 3-tap blur): another room and lens, the same face.
 * The NEUTRAL photo (creating) changed, the smiling one ranked as it is (docs/likeness.md "Session 38"):
 * - `low`: 0.4x the size (box-filtered), saved as JPEG quality 70.
 * - `grey`: black and white (Rec. 709 luma).
 * - `roll`: the head tilted: rotated 25 degrees on a grey ground.
 * - `tight`: cropped to 256 x 300 px around the face (hair and ears cut off).
 * - `warm`: dim, warm light: sRGB x (0.9, 0.72, 0.5).
 * - `small`: half size (box-filtered) in a 1400-px grey frame: the face about 9% of the photo's width.
 * - `side`: light from one side, a window beside the player: linear light x 1.2 on the image's left to x 0.3 on
 *   its right (about x 0.95 to 0.55 across the face).
 * - `bright`: overexposed: linear light x 1.8, clipped (a phone metering on a dark background).
 * - `blur`: out of focus: a Gaussian blur of 2 px (sigma) at 512 px.
 * - `noise`: a dim room's sensor noise: x 0.8 linear, Gaussian noise of sd 8 levels per channel, JPEG quality 75.
 * - `shake`: a shaken hand: each pixel the mean of 9 along a line 30 degrees from the horizontal (8 px of travel).
 * - `dark`: a dark room behind the player: the studio's light backdrop (the grey reached from the photo's edges,
 *   backdropMask; the white shirt with it) made dark grey, RGB (46, 42, 40), its edge blended over one pixel.
 * Neither changed, the other way round:
 * - `swap`: the SMILING photo creates and the neutral one is ranked (docs/likeness.md "Session 40").
 * Usage (repository root): npx tsx cli/scripts/photo-variants.ts --variant NAME --out DIR
 * then: npx facecraft eval likeness --photos DIR ...
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImage } from '@facecraft/shared/decode'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { facesDir } from '../src/eval/london.ts'
import { boxShrunk, jpegBytes, mirrored } from '../src/eval/photos.ts'

const { values } = parseArgs({
  options: { variant: { type: 'string', default: 'mirror' }, out: { type: 'string' } },
})
const SMILING = ['mirror', 'relit']
const NEUTRAL = [
  'low',
  'grey',
  'roll',
  'tight',
  'warm',
  'small',
  'side',
  'bright',
  'blur',
  'noise',
  'shake',
  'dark',
]
const VARIANTS = [...SMILING, ...NEUTRAL, 'swap']
if (!values.out || !VARIANTS.includes(values.variant!))
  throw new Error(`Usage: photo-variants.ts --variant ${VARIANTS.join('|')} --out DIR`)

const toLinear = (v: number) => Math.pow(v / 255, 2.2)
const toByte = (v: number) => Math.round(255 * Math.pow(Math.min(1, Math.max(0, v)), 1 / 2.2))

function relit(image: RgbaImage): RgbaImage {
  const { width: w, height: h } = image
  const lit = createImage(w, h)
  const balance = [1.08, 1, 0.86]
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const light = 0.45 + x / (w - 1)
      const o = (y * w + x) * 4
      for (let c = 0; c < 3; c++)
        lit.data[o + c] = toByte(toLinear(image.data[o + c]!) * light * balance[c]!)
      lit.data[o + 3] = 255
    }
  // a softer lens: [1 2 1] / 4 across and down
  const out = createImage(w, h)
  const at = (x: number, y: number, c: number) =>
    lit.data[(Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))) * 4 + c]!
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 4; c++) {
        let s = 0
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++)
            s += (2 - Math.abs(dx)) * (2 - Math.abs(dy)) * at(x + dx, y + dy, c)
        out.data[(y * w + x) * 4 + c] = Math.round(s / 16)
      }
  return out
}

const GROUND = [138, 138, 136]

/** A `w` x `h` image of GROUND with `image` at (left, top). */
function framed(image: RgbaImage, w: number, h: number, left: number, top: number): RgbaImage {
  const out = createImage(w, h)
  for (let i = 0; i < w * h; i++) out.data.set([...GROUND, 255], i * 4)
  for (let y = 0; y < image.height; y++)
    out.data.set(
      image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4),
      ((top + y) * w + left) * 4
    )
  return out
}

/** `image` rotated by `degrees` about its centre (bilinear), GROUND where it has no pixel. */
function rotated(image: RgbaImage, degrees: number): RgbaImage {
  const { width: w, height: h } = image
  const out = createImage(w, h)
  const [c, s] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)]
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const dx = x - w / 2
      const dy = y - h / 2
      const sx = c * dx + s * dy + w / 2
      const sy = -s * dx + c * dy + h / 2
      const o = (y * w + x) * 4
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)]
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out.data.set([...GROUND, 255], o)
        continue
      }
      const [fx, fy] = [sx - x0, sy - y0]
      for (let k = 0; k < 4; k++) {
        const at = (u: number, v: number) => image.data[(v * w + u) * 4 + k]!
        const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        out.data[o + k] = Math.round(top * (1 - fy) + bottom * fy)
      }
    }
  return out
}

/** Every pixel through `f` (r, g, b -> r, g, b). */
function perPixel(image: RgbaImage, f: (rgb: number[]) => number[]): RgbaImage {
  const out = createImage(image.width, image.height)
  for (let i = 0; i < image.width * image.height; i++)
    out.data.set([...f([...image.data.subarray(i * 4, i * 4 + 3)]), 255], i * 4)
  return out
}

/**
 * `image` filtered along a line: each pixel the `weights`-weighted mean of samples one step of (dx, dy) apart,
 * centred on it (positions rounded to the nearest pixel, edges clamped).
 */
function alongLine(
  image: RgbaImage,
  weights: readonly number[],
  dx: number,
  dy: number
): RgbaImage {
  const { width: w, height: h } = image
  const out = createImage(w, h)
  const sum = weights.reduce((a, b) => a + b, 0)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 4; c++) {
        let s = 0
        for (let t = 0; t < weights.length; t++) {
          const d = t - (weights.length - 1) / 2
          const u = Math.min(w - 1, Math.max(0, Math.round(x + d * dx)))
          const v = Math.min(h - 1, Math.max(0, Math.round(y + d * dy)))
          s += weights[t]! * image.data[(v * w + u) * 4 + c]!
        }
        out.data[(y * w + x) * 4 + c] = Math.round(s / sum)
      }
  return out
}

/** `image` blurred by a Gaussian of `sigma` px (separable: across, then down). */
function blurred(image: RgbaImage, sigma: number): RgbaImage {
  const r = Math.ceil(3 * sigma)
  const k = Array.from({ length: 2 * r + 1 }, (_, i) =>
    Math.exp(-((i - r) ** 2) / (2 * sigma * sigma))
  )
  return alongLine(alongLine(image, k, 1, 0), k, 0, 1)
}

/** A seeded standard normal sampler (Box-Muller on a xorshift). */
function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1
  const u = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return ((s >>> 0) + 0.5) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())
}

const DARK_ROOM = [46, 42, 40]

/**
 * The share of each pixel that is the studio's backdrop: 1 where grey light (channels within 18 levels of each
 * other, the brightest over 110: the backdrop, its vignette and the white shirt, but no skin or hair) reaches from
 * the photo's edges in steps of at most 10 levels a channel (so it stops at any edge), 0.5 on the pixels that
 * border it, 0 elsewhere.
 */
function backdropMask(image: RgbaImage): Float32Array {
  const { width: w, height: h, data } = image
  const grey = (i: number) => {
    const [r, g, b] = [data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!]
    return Math.max(r, g, b) - Math.min(r, g, b) < 18 && Math.max(r, g, b) > 110
  }
  const step = (i: number, j: number) => [0, 1, 2].every((c) => Math.abs(data[i * 4 + c]! - data[j * 4 + c]!) <= 10)
  const mask = new Float32Array(w * h)
  const queue: number[] = []
  const seed = (i: number) => {
    if (mask[i] === 0 && grey(i)) {
      mask[i] = 1
      queue.push(i)
    }
  }
  for (let x = 0; x < w; x++) for (const y of [0, h - 1]) seed(y * w + x)
  for (let y = 0; y < h; y++) for (const x of [0, w - 1]) seed(y * w + x)
  while (queue.length) {
    const i = queue.pop()!
    const [x, y] = [i % w, Math.floor(i / w)]
    for (const [u, v] of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]] as const) {
      const j = v * w + u
      if (u >= 0 && v >= 0 && u < w && v < h && mask[j] === 0 && grey(j) && step(i, j)) {
        mask[j] = 1
        queue.push(j)
      }
    }
  }
  const out = mask.slice()
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++)
      if (mask[y * w + x] === 0 && (mask[y * w + x - 1] || mask[y * w + x + 1] || mask[(y - 1) * w + x] || mask[(y + 1) * w + x]))
        out[y * w + x] = 0.5
  return out
} // prettier-ignore

/** The creating photo changed as `variant` says, and the file name and bytes to save it as. */
function neutralVariant(image: RgbaImage, variant: string): [string, Uint8Array] {
  const png = (i: RgbaImage): [string, Uint8Array] => [`a-neutral-${variant}.png`, encodePng(i)]
  switch (variant) {
    case 'low': {
      const small = boxShrunk(image, 0.4)
      return [`a-neutral-low.jpg`, jpegBytes(small, 70)]
    }
    case 'grey':
      return png(perPixel(image, ([r, g, b]) => Array(3).fill(Math.round(0.2126 * r! + 0.7152 * g! + 0.0722 * b!))))
    case 'roll':
      return png(rotated(image, 25))
    case 'tight': {
      const out = createImage(256, 300)
      for (let y = 0; y < 300; y++)
        out.data.set(image.data.subarray(((120 + y) * image.width + 128) * 4, ((120 + y) * image.width + 384) * 4), y * 1024)
      return png(out)
    }
    case 'warm':
      return png(perPixel(image, (rgb) => rgb.map((v, c) => Math.round(v * [0.9, 0.72, 0.5][c]!))))
    case 'side': {
      const out = createImage(image.width, image.height)
      for (let i = 0; i < image.width * image.height; i++) {
        const light = 1.2 - (0.9 * (i % image.width)) / (image.width - 1)
        for (let c = 0; c < 3; c++) out.data[i * 4 + c] = toByte(toLinear(image.data[i * 4 + c]!) * light)
        out.data[i * 4 + 3] = 255
      }
      return png(out)
    }
    case 'bright':
      return png(perPixel(image, (rgb) => rgb.map((v) => toByte(toLinear(v) * 1.8))))
    case 'blur':
      return png(blurred(image, 2))
    case 'noise': {
      const g = gaussian(7)
      const noisy = perPixel(image, (rgb) => rgb.map((v) => Math.round(Math.min(255, Math.max(0, toByte(toLinear(v) * 0.8) + 8 * g())))))
      return [`a-neutral-noise.jpg`, jpegBytes(noisy, 75)]
    }
    case 'shake':
      return png(alongLine(image, Array(9).fill(1), Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)))
    case 'dark': {
      const mask = backdropMask(image)
      const out = createImage(image.width, image.height)
      for (let i = 0; i < image.width * image.height; i++) {
        const a = mask[i]!
        for (let c = 0; c < 3; c++) out.data[i * 4 + c] = Math.round(image.data[i * 4 + c]! * (1 - a) + DARK_ROOM[c]! * a)
        out.data[i * 4 + 3] = 255
      }
      return png(out)
    }
    case 'small': {
      const half = boxShrunk(image, 0.5)
      return png(framed(half, 1400, 1400, Math.round((1400 - half.width) / 2), Math.round(420 - half.width / 2)))
    }
    default:
      throw new Error(`no neutral variant ${variant}`)
  }
} // prettier-ignore

const london = join(facesDir(), 'london')
let n = 0
for (const file of readdirSync(join(london, 'neutral'))
  .filter((f) => f.endsWith('.jpg'))
  .sort()) {
  const person = join(values.out, file.replace('.jpg', ''))
  mkdirSync(person, { recursive: true })
  if (values.variant === 'swap') {
    copyFileSync(join(london, 'smiling', file), join(person, 'a-smiling.jpg'))
    copyFileSync(join(london, 'neutral', file), join(person, 'b-neutral.jpg'))
  } else if (SMILING.includes(values.variant!)) {
    copyFileSync(join(london, 'neutral', file), join(person, 'a-neutral.jpg'))
    const { image } = decodeImage(new Uint8Array(readFileSync(join(london, 'smiling', file))))
    const change = values.variant === 'mirror' ? mirrored : relit
    writeFileSync(join(person, `b-smiling-${values.variant}.png`), encodePng(change(image)))
  } else {
    const { image } = decodeImage(new Uint8Array(readFileSync(join(london, 'neutral', file))))
    const [name, bytes] = neutralVariant(image, values.variant!)
    writeFileSync(join(person, name), bytes)
    copyFileSync(join(london, 'smiling', file), join(person, 'b-smiling.jpg'))
  }
  n++
}
const which =
  values.variant === 'swap'
    ? 'the smiling photo creates, the neutral one is ranked:'
    : SMILING.includes(values.variant!)
      ? 'neutral photo, smiling photo'
      : 'smiling photo, neutral photo'
console.log(`wrote ${n} people to ${values.out} (${which} ${values.variant})`)
