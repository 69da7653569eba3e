/**
 * @file Where a character loses its likeness to FaceRes (the independent judge), by face region (issue #8/#10
 * diagnostic). For London people (a seeded subset), the character the translator (or `--method refined`) makes
 * from the NEUTRAL photo is rendered from the front, and the photo and the render are both cut to the aligned
 * frame (224 px) with FaceMesh part labels. Each variant below is read by FaceRes and compared (cosine) with the
 * person's SMILING photo; the table prints the mean and its difference from the plain render:
 * - `photo`, `render`: the two as they are (the ceiling and the product);
 * - `+REGION`: the render with the photo's pixels in one region (skin, brows, eyes, nose, lips; `outside` = hair,
 *   ears, background): how much likeness that region of the render lacks;
 * - `photo-REGION`: the photo with the render's pixels in one region: how much the render's region costs a photo;
 * - `+own-detail` / `+stranger-detail`: the render's face (every face part) plus the high-pass of the person's own
 *   photo, or of the previous person's (photo minus its Gaussian blur, sigma `--sigma` px): whether what is missing
 *   is the person's own fine detail or photographic texture in general;
 * - `render-blur`, `photo-blur`: each blurred (the same Gaussian): how much of each one's identity is fine detail.
 * - with `--low`: `+own-chromaS` / `+own-lowlumS` (S = 4, 8, 16 px): the render's skin and nose with the photo's low
 *   band (its blur at S, around its skin's median) of colour or of luminance instead of its own, and
 *   `+stranger-chromaS` the previous person's: whether the skin's large-scale colour or shading is the person's
 *   (docs/likeness.md "Session 44").
 * - with `--parts`: `+own-detail-REGION`, the photo's high-pass added in one face region only (skin, brows, eyes,
 *   nose, lips): which part's fine detail the render lacks (docs/likeness.md "Session 45").
 * - with `--contrast`: `render-detail-xG`, the render's own high-pass on skin and nose scaled by G;
 *   `render-detail-replaced`, replaced by the photo's; and `stat:` rows, the regression gain, correlation and RMS
 *   ratio of the render's high-pass against the photo's there (how much of the photo's fine band the render draws).
 * Usage (repository root): npx tsx cli/scripts/region-swap.ts [--people 30] [--method translator|refined] [--sigma 3]
 *   [--low] [--parts] [--contrast]
 */
import { parseArgs } from 'node:util'
import { composeAffine, cosine, embedWindow, type PartLabels } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import { analysePhoto } from '../src/eval/photos.ts'
import { openLondonStudy } from './london-study.ts'
import { gaussianBlur } from '@facecraft/shared/detail'

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '30' },
    method: { type: 'string', default: 'translator' },
    sigma: { type: 'string', default: '3' },
    low: { type: 'boolean', default: false },
    parts: { type: 'boolean', default: false },
    contrast: { type: 'boolean', default: false },
  },
})
const SIZE = 224
const SIGMA = Number(args.sigma)
const REGIONS: Record<string, readonly number[]> = {
  skin: [1],
  brows: [2],
  eyes: [3],
  nose: [4],
  lips: [5],
  outside: [0],
}
const FACE = [1, 2, 3, 4, 5]

const { models, analyzer, engine, method, people } = await openLondonStudy(args)

/** An image of the aligned frame (SIZE px, opaque) from per-pixel RGB values. */
function frame(rgb: ArrayLike<number>): RgbaImage {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4)
  for (let i = 0; i < SIZE * SIZE; i++) {
    for (let c = 0; c < 3; c++) data[i * 4 + c] = rgb[i * 4 + c]!
    data[i * 4 + 3] = 255
  }
  return { width: SIZE, height: SIZE, data }
}

/** Gaussian blur (sigma px) of an RGBA image's RGB, as floats. */
const blur = (img: RgbaImage, sigma: number) => gaussianBlur(img.data, SIZE, sigma, 4, 3)

/** `base` with `other`'s pixels wherever either label map puts `labels`. */
function swap(base: RgbaImage, other: RgbaImage, a: PartLabels, b: PartLabels, labels: readonly number[]): RgbaImage {
  const out = Float32Array.from(base.data)
  for (let i = 0; i < SIZE * SIZE; i++)
    if (labels.includes(a.labels[i]!) || labels.includes(b.labels[i]!))
      for (let c = 0; c < 3; c++) out[i * 4 + c] = other.data[i * 4 + c]!
  return frame(out)
} // prettier-ignore

/**
 * `base` plus the high-pass (`src` minus `srcBlur`) of another image wherever both label maps put one of `parts`
 * (every face part by default).
 */
function addDetail(base: RgbaImage, a: PartLabels, src: RgbaImage, srcBlur: Float32Array, b: PartLabels, parts: readonly number[] = FACE): RgbaImage {
  const out = Float32Array.from(base.data)
  for (let i = 0; i < SIZE * SIZE; i++)
    if (parts.includes(a.labels[i]!) && parts.includes(b.labels[i]!))
      for (let c = 0; c < 3; c++) out[i * 4 + c] = base.data[i * 4 + c]! + src.data[i * 4 + c]! - srcBlur[i * 4 + c]!
  return frame(out)
} // prettier-ignore

/**
 * `base` whose own high-pass (`base` minus `baseBlur`) is scaled by `gain` and, with `src`, replaced by `src`'s
 * high-pass, wherever both label maps put one of `parts`.
 */
function scaleDetail(base: RgbaImage, baseBlur: Float32Array, a: PartLabels, b: PartLabels, parts: readonly number[], gain: number, src?: { image: RgbaImage; blurred: Float32Array }): RgbaImage {
  const out = Float32Array.from(base.data)
  for (let i = 0; i < SIZE * SIZE; i++)
    if (parts.includes(a.labels[i]!) && parts.includes(b.labels[i]!))
      for (let c = 0; c < 3; c++) {
        const own = base.data[i * 4 + c]! - baseBlur[i * 4 + c]!
        const other = src ? src.image.data[i * 4 + c]! - src.blurred[i * 4 + c]! : 0
        out[i * 4 + c] = baseBlur[i * 4 + c]! + gain * own + other
      }
  return frame(out)
} // prettier-ignore

/** The median of each channel of `img` (floats, RGBA) over the pixels labelled skin. */
function skinMedian(img: Float32Array, labels: PartLabels): number[] {
  const ch: number[][] = [[], [], []]
  for (let i = 0; i < SIZE * SIZE; i++)
    if (labels.labels[i] === 1) for (let c = 0; c < 3; c++) ch[c]!.push(img[i * 4 + c]!)
  return ch.map((v) => v.sort((x, y) => x - y)[v.length >> 1]!)
}

/**
 * `base` whose low band (blur at `sigma`, around its skin's median) of colour (`chroma`: each channel less the
 * three's mean) and/or luminance is `src`'s instead, wherever both label maps put skin or nose.
 */
function withLowBand(base: RgbaImage, a: PartLabels, src: RgbaImage, b: PartLabels, sigma: number, chroma: boolean, lum: boolean): RgbaImage {
  const bb = blur(base, sigma)
  const sb = blur(src, sigma)
  const mb = skinMedian(bb, a)
  const ms = skinMedian(sb, b)
  const out = Float32Array.from(base.data)
  for (let i = 0; i < SIZE * SIZE; i++) {
    if (![1, 4].includes(a.labels[i]!) || ![1, 4].includes(b.labels[i]!)) continue
    const db = [0, 1, 2].map((c) => bb[i * 4 + c]! - mb[c]!)
    const ds = [0, 1, 2].map((c) => sb[i * 4 + c]! - ms[c]!)
    const lb = (db[0]! + db[1]! + db[2]!) / 3
    const ls = (ds[0]! + ds[1]! + ds[2]!) / 3
    for (let c = 0; c < 3; c++)
      out[i * 4 + c] = base.data[i * 4 + c]! + (chroma ? ds[c]! - ls - (db[c]! - lb) : 0) + (lum ? ls - lb : 0)
  }
  return frame(out)
} // prettier-ignore

const toFrame = composeAffine([SIZE, 0, 0, 0, SIZE, 0], embedWindow())
const faceres = (img: RgbaImage) => analyzer.embedWindow(img, toFrame, 'face-embedder-eval')

const sums = new Map<string, number[]>()
const add = (key: string, value: number) => sums.set(key, [...(sums.get(key) ?? []), value])
let previous: { photo: RgbaImage; blurred: Float32Array; labels: PartLabels } | null = null
for (const [index, p] of people.entries()) {
  process.stderr.write(`\rregion-swap ${index + 1}/${people.length}`)
  const neutral = await analysePhoto(analyzer, p.neutral)
  const smiling = await analysePhoto(analyzer, p.smiling)
  const target = await analyzer.embed(smiling.image, smiling.face, 'face-embedder-eval')
  const params = await method.create({ image: neutral.image, face: neutral.face, index }, { engine, analyzer, models })
  const { image: rendered } = engine.render(params, 512)
  const rface = (await analyzer.detect(rendered)).faces[0]
  if (!rface) throw new Error(`${p.person}: no face found on the render`)
  const photo = frame(analyzer.alignedCrop(neutral.image, neutral.face, SIZE).data)
  const photoLabels = analyzer.partLabels(neutral.image, neutral.face, SIZE)
  const render = frame(analyzer.alignedCrop(rendered, rface, SIZE).data)
  const renderLabels = analyzer.partLabels(rendered, rface, SIZE)
  const score = async (key: string, img: RgbaImage) => add(key, cosine(target, await faceres(img)))
  await score('photo', photo)
  await score('render', render)
  for (const [name, labels] of Object.entries(REGIONS)) {
    await score(`+${name}`, swap(render, photo, renderLabels, photoLabels, labels))
    await score(`photo-${name}`, swap(photo, render, photoLabels, renderLabels, labels))
  }
  const photoBlur = blur(photo, SIGMA)
  await score('+own-detail', addDetail(render, renderLabels, photo, photoBlur, photoLabels))
  for (const [name, labels] of args.parts ? Object.entries(REGIONS).filter(([k]) => k !== 'outside') : [])
    await score(`+own-detail-${name}`, addDetail(render, renderLabels, photo, photoBlur, photoLabels, labels))
  if (args.contrast) {
    const renderBlur = blur(render, SIGMA)
    const skin = [1, 4]
    for (const gain of [0.5, 1.5, 2])
      await score(`render-detail-x${gain}`, scaleDetail(render, renderBlur, renderLabels, photoLabels, skin, gain))
    await score('render-detail-replaced', scaleDetail(render, renderBlur, renderLabels, photoLabels, skin, 0, { image: photo, blurred: photoBlur }))
    let rp = 0, pp = 0, rr = 0
    for (let i = 0; i < SIZE * SIZE; i++)
      if (skin.includes(renderLabels.labels[i]!) && skin.includes(photoLabels.labels[i]!))
        for (let c = 0; c < 3; c++) {
          const r = render.data[i * 4 + c]! - renderBlur[i * 4 + c]!
          const q = photo.data[i * 4 + c]! - photoBlur[i * 4 + c]!
          rp += r * q; pp += q * q; rr += r * r
        }
    add('stat:gain(render~photo)', rp / pp)
    add('stat:corr', rp / Math.sqrt(pp * rr))
    add('stat:rms-ratio', Math.sqrt(rr / pp))
  }
  if (previous)
    await score('+stranger-detail', addDetail(render, renderLabels, previous.photo, previous.blurred, previous.labels))
  for (const low of args.low ? [4, 8, 16] : []) {
    await score(`+own-chroma${low}`, withLowBand(render, renderLabels, photo, photoLabels, low, true, false))
    await score(`+own-lowlum${low}`, withLowBand(render, renderLabels, photo, photoLabels, low, false, true))
    if (previous)
      await score(`+stranger-chroma${low}`, withLowBand(render, renderLabels, previous.photo, previous.labels, low, true, false))
  }
  await score('render-blur', frame(blur(render, SIGMA)))
  await score('photo-blur', frame(photoBlur))
  previous = { photo, blurred: photoBlur, labels: photoLabels }
} // prettier-ignore
process.stderr.write('\n')
await analyzer.close()

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
const base = mean(sums.get('render')!)
console.log(
  `FaceRes cosine to the smiling photo (${people.length} London people, ${args.method}, sigma ${SIGMA} px)`
)
console.log('| variant | mean | vs render | n |\n| --- | --- | --- | --- |')
for (const [key, v] of sums)
  console.log(
    `| ${key} | ${mean(v).toFixed(4)} | ${(mean(v) - base >= 0 ? '+' : '') + (mean(v) - base).toFixed(4)} | ${v.length} |`
  )
