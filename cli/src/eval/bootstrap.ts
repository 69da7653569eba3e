/**
 * @module cli/eval/bootstrap — how sure a figure over a hundred people is: percentile bootstrap intervals of a mean,
 * and of the mean DIFFERENCE between two methods on the same people (paired: each resample draws people, and both
 * methods' values of a drawn person come together). Why: on London one person moves retrieval_top1 or
 * gender_agree by 0.0098, and releases were decided on differences of two or three people; a paired interval that
 * spans 0 says the data cannot tell the two apart. Deterministic for a seed.
 */
import { createRng } from '@facecraft/shared/utils'

/** Resampling settings: how many resamples, the seed, and the interval's coverage. */
export interface BootstrapOptions {
  resamples?: number
  seed?: number
  /** Central coverage of the interval, e.g. 0.95. */
  level?: number
}

export const BOOTSTRAP_DEFAULTS: Required<BootstrapOptions> = {
  resamples: 2000,
  seed: 1,
  level: 0.95,
}

/** The percentile interval [lo, hi] of mean(values) under resampling of its entries. */
export function meanInterval(
  values: readonly number[],
  options: BootstrapOptions = {}
): [number, number] {
  return percentileInterval(resampledMeans(values, options), options)
}

/** mean(b - a) over paired entries, with its percentile interval; `a` and `b` hold the same people in one order. */
export function pairedDifference(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {}
): { diff: number; ci: [number, number] } {
  if (a.length !== b.length)
    throw new Error(`paired values differ in length (${a.length} vs ${b.length})`)
  const d = a.map((v, i) => b[i]! - v)
  return { diff: mean(d), ci: percentileInterval(resampledMeans(d, options), options) }
}

/** Means of `values` over `resamples` draws of its entries with replacement. */
function resampledMeans(values: readonly number[], options: BootstrapOptions): number[] {
  const { resamples, seed } = { ...BOOTSTRAP_DEFAULTS, ...options }
  const n = values.length
  if (!n) throw new Error('bootstrap of no values')
  const rng = createRng(seed)
  const out = new Array<number>(resamples)
  for (let r = 0; r < resamples; r++) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)]!
    out[r] = sum / n
  }
  return out
}

function percentileInterval(means: number[], options: BootstrapOptions): [number, number] {
  const { level } = { ...BOOTSTRAP_DEFAULTS, ...options }
  if (!(level > 0 && level < 1)) throw new Error(`bootstrap level must be in (0, 1), got ${level}`)
  const sorted = [...means].sort((x, y) => x - y)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!
  return [at((1 - level) / 2), at(1 - (1 - level) / 2)]
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length
