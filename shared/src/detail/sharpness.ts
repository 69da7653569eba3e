/**
 * @module detail/sharpness — a soft photo's detail read as if the photo were sharp. Why: the detail is a band of
 * the crop's luminance (detail/read), and a photo out of focus, shaken or enlarged from a small face has lost most of
 * its fine band: London's neutral photos blurred by 2 px (sigma, at 512 px) kept 0.53 of their fine weights' energy,
 * and the characters made from them lost FaceRes id_cos 0.024 (translator) and 0.019 (refined), nearly all of it
 * the detail's (docs/likeness.md, "Session 39"). A player's selfie is softer than a studio portrait far more often
 * than it is sharper.
 *
 * How soft a photo is shows in the skin's two finest bands (MEASURE): the energy of the luminance minus its blur at
 * 1 px over that of the 1 px blur minus the 3 px blur (px at READ_SIZE), inside the skin the detail is read from.
 * Focus more than the person sets it: on London's neutral photos the log ratio spans -1.26 to -0.77 (10th to 90th
 * percentile, skin only), on the same photos blurred -2.63 to -2.38, shrunk to 0.4x -1.95 to -1.61; noise raises
 * it. A photo under SHARPNESS.target is sharpened (an unsharp mask: the luminance plus `amount` times itself minus
 * its blur at SHARPNESS.radius) by the smallest amount that brings it to the target, at most SHARPNESS.maxAmount;
 * a photo at the target or above is read exactly as before.
 */
import { gaussianBlur } from './blur.ts'
import { BAND_SIGMA, DETAIL_LABELS, MID_BAND } from './spec.ts'

/**
 * target: the log band ratio a photo is sharpened up to: the 10th percentile of the train photos the basis was built
 * from (615 of 848 turned under 20 degrees: 10th percentile -1.47, median -1.05), so the basis's own photos are
 * left as they are, and London's neutral photos but 5. radius: the unsharp mask's blur (px at READ_SIZE). maxAmount:
 * the most it sharpens. The 2 px blurred London photos all take it (their log ratio rises from -2.5 to about -2.0):
 * their fine weights come back to 1.26 times their sharp photo's energy (median; 0.53 unsharpened) and nearer its
 * direction (cosine 0.915, unsharpened 0.884). A bar of -1.2 with up to 3 times brought them to 2.4 times: FaceRes
 * liked those characters better still (id_cos +0.032 against +0.021) and read 2 to 3 more of them as the other sex.
 */
export const SHARPNESS = Object.freeze({ target: -1.47, radius: 1.5, maxAmount: 1.5 })

/**
 * The blurs (px at READ_SIZE) of the two finest bands sharpness is measured on (the luminance minus its blur at 1 px,
 * and that blur minus the blur at 3), and of the read's bands (the fine band's 3 px, also the mid band's sharp end,
 * and the mid band's 8 px), which detail/read takes from here.
 */
const MEASURE = [1, BAND_SIGMA] as const
const READ_BLURS = [BAND_SIGMA, MID_BAND[1]] as const

/** A luminance crop with its blurs at READ_BLURS (by sigma), as detail/read takes them. */
export interface SharpenedLuminance {
  lum: Float32Array
  /** The unsharp mask's amount (0: the luminance as it was). */
  amount: number
  /** False where even SHARPNESS.maxAmount leaves the photo under the target: too soft to read its detail whole. */
  restored: boolean
  /** The blurs of `lum` at READ_BLURS, keyed by sigma (detail/read's bands). */
  blurs: Map<number, Float32Array>
}

/** The skin's sharpness of a `size` px luminance crop and its part labels: log of its finest band's energy over the next's (MEASURE). */
export function skinSharpness(lum: Float32Array, labels: Uint8Array, size: number): number {
  const [l1, l3] = MEASURE.map((s) => gaussianBlur(lum, size, s)) as [Float32Array, Float32Array]
  const [fine, next] = bandSums(lum, l1, l3, labels)
  return ratioOf(fine, next, 0)
}

/**
 * `lum` sharpened to SHARPNESS.target (see the module note) with its blurs at READ_BLURS; `lum` itself (amount 0)
 * where the photo is that sharp already. The unsharp mask (lum + k high, high = lum minus its blur at the radius) is
 * linear in k, so each band's energy is a quadratic in k over sums taken once, and each blur is a sum of two.
 */
export function sharpenedLuminance(lum: Float32Array, labels: Uint8Array, size: number): SharpenedLuminance {
  const blur = (v: Float32Array, s: number) => gaussianBlur(v, size, s)
  const [l1, l3, l8] = [blur(lum, MEASURE[0]), blur(lum, MEASURE[1]), blur(lum, READ_BLURS[1])]
  const [fine0, next0] = bandSums(lum, l1, l3, labels)
  if (next0[0] <= 0 || ratioOf(fine0, next0, 0) >= SHARPNESS.target)
    return { lum, amount: 0, restored: true, blurs: new Map([[READ_BLURS[0], l3], [READ_BLURS[1], l8]]) }
  const blurR = blur(lum, SHARPNESS.radius)
  const high = Float32Array.from(lum, (v, i) => v - blurR[i]!)
  const [h1, h3, h8] = [blur(high, MEASURE[0]), blur(high, MEASURE[1]), blur(high, READ_BLURS[1])]
  const [fine, next] = bandSums(lum, l1, l3, labels, high, h1, h3)
  let lo = 0
  let hi: number = SHARPNESS.maxAmount
  const restored = ratioOf(fine, next, hi) >= SHARPNESS.target
  if (restored)
    for (let step = 0; step < 20; step++) {
      const k = (lo + hi) / 2
      if (ratioOf(fine, next, k) < SHARPNESS.target) lo = k
      else hi = k
    }
  const k = hi
  const plus = (a: Float32Array, b: Float32Array) => Float32Array.from(a, (v, i) => v + k * b[i]!)
  return { lum: plus(lum, high), amount: k, restored, blurs: new Map([[READ_BLURS[0], plus(l3, h3)], [READ_BLURS[1], plus(l8, h8)]]) }
} // prettier-ignore

/** A band's energy sums: [sum A^2, sum A H, sum H^2], A the band of the luminance, H that of the unsharp mask's high pass. */
type Sums = [number, number, number]

/** log(fine / next) at the unsharp mask's amount `k` (0 where either band is empty). */
function ratioOf(fine: Sums, next: Sums, k: number): number {
  const f = fine[0] + 2 * k * fine[1] + k * k * fine[2]
  const m = next[0] + 2 * k * next[1] + k * k * next[2]
  return f > 0 && m > 0 ? Math.log(f / m) : 0
}

/** The Sums of the two bands lum - la and la - lb inside the skin labels (the high pass's terms 0 without `high`). */
function bandSums(
  lum: Float32Array,
  la: Float32Array,
  lb: Float32Array,
  labels: Uint8Array,
  high?: Float32Array,
  ha?: Float32Array,
  hb?: Float32Array
): [Sums, Sums] {
  const fine: Sums = [0, 0, 0]
  const next: Sums = [0, 0, 0]
  for (let i = 0; i < lum.length; i++) {
    if (!DETAIL_LABELS.includes(labels[i]!)) continue
    const a = lum[i]! - la[i]!
    const b = la[i]! - lb[i]!
    fine[0] += a * a
    next[0] += b * b
    if (!high) continue
    const x = high[i]! - ha![i]!
    const y = ha![i]! - hb![i]!
    fine[1] += a * x
    fine[2] += x * x
    next[1] += b * y
    next[2] += y * y
  }
  return [fine, next]
}
