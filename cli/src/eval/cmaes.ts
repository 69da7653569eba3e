/**
 * @module cli/eval/cmaes — sep-CMA-ES (Ros & Hansen 2008): CMA-ES with a diagonal covariance, so that an
 * iteration costs O(n) and the learning rates can be (n + 2) / 3 times larger. Minimises; ask/tell, seeded.
 * Bounds are the caller's business (evaluate a clamped point plus a penalty, see `boxPenalty`).
 */
import { createRng, gaussian, type Rng } from '@facecraft/shared/utils'

/** Settings of a run. */
export interface CmaOptions {
  /** Start mean. */
  mean: ArrayLike<number>
  /** Start step size (same units as x). */
  sigma: number
  /** Seed of the sampling rng. */
  seed: number
  /** Population size; default 4 + floor(3 ln n). */
  lambda?: number
}

/** One sampled candidate: the point and the standard-normal draw it came from. */
export interface Candidate {
  x: Float64Array
  z: Float64Array
}

/** The sep-CMA-ES state. */
export class SepCmaEs {
  readonly n: number
  readonly lambda: number
  readonly mu: number
  private readonly weights: Float64Array
  private readonly mueff: number
  private readonly cs: number
  private readonly ds: number
  private readonly cc: number
  private readonly c1: number
  private readonly cmu: number
  private readonly chiN: number
  private readonly rng: Rng
  mean: Float64Array
  sigma: number
  /** The diagonal of C. */
  readonly diag: Float64Array
  private readonly ps: Float64Array
  private readonly pc: Float64Array
  /** Generations told so far. */
  generation = 0

  constructor(o: CmaOptions) {
    const n = (this.n = o.mean.length)
    if (n < 1) throw new Error('sep-CMA-ES needs at least one dimension.')
    if (!(o.sigma > 0)) throw new Error(`sigma must be positive, got ${o.sigma}.`)
    this.lambda = o.lambda ?? 4 + Math.floor(3 * Math.log(n))
    if (this.lambda < 2) throw new Error('lambda must be at least 2.')
    this.mu = Math.floor(this.lambda / 2)
    const w = Float64Array.from(
      { length: this.mu },
      (_, i) => Math.log(this.mu + 0.5) - Math.log(i + 1)
    )
    const sw = w.reduce((s, v) => s + v, 0)
    this.weights = w.map((v) => v / sw)
    this.mueff = 1 / this.weights.reduce((s, v) => s + v * v, 0)
    const me = this.mueff
    this.cs = (me + 2) / (n + me + 5)
    this.ds = 1 + 2 * Math.max(0, Math.sqrt((me - 1) / (n + 1)) - 1) + this.cs
    this.cc = (4 + me / n) / (n + 4 + (2 * me) / n)
    // Full CMA-ES rates, scaled by (n + 2) / 3 for the diagonal model (Ros & Hansen), capped to keep 1 - c1 - cmu >= 0.
    const scale = (n + 2) / 3
    const c1 = 2 / ((n + 1.3) ** 2 + me)
    const cmu = Math.min(1 - c1, (2 * (me - 2 + 1 / me)) / ((n + 2) ** 2 + me))
    this.c1 = Math.min(1, c1 * scale)
    this.cmu = Math.min(1 - this.c1, cmu * scale)
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n))
    this.rng = createRng(o.seed)
    this.mean = Float64Array.from(o.mean)
    this.sigma = o.sigma
    this.diag = new Float64Array(n).fill(1)
    this.ps = new Float64Array(n)
    this.pc = new Float64Array(n)
  }

  /** Samples one population (lambda candidates). */
  ask(): Candidate[] {
    const out: Candidate[] = []
    for (let k = 0; k < this.lambda; k++) {
      const z = new Float64Array(this.n)
      const x = new Float64Array(this.n)
      for (let i = 0; i < this.n; i++) {
        z[i] = gaussian(this.rng)
        x[i] = this.mean[i]! + this.sigma * Math.sqrt(this.diag[i]!) * z[i]!
      }
      out.push({ x, z })
    }
    return out
  }

  /** Updates the state from a population and its costs (lower is better). */
  tell(population: readonly Candidate[], costs: readonly number[]): void {
    if (population.length !== this.lambda || costs.length !== this.lambda)
      throw new Error(`tell needs ${this.lambda} candidates and costs.`)
    const n = this.n
    const order = costs.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0])
    const zw = new Float64Array(n)
    const yw = new Float64Array(n)
    const ySq = new Float64Array(n) // sum_i w_i y_i^2 (rank-mu update of the diagonal)
    for (let r = 0; r < this.mu; r++) {
      const { z } = population[order[r]![1]]!
      const w = this.weights[r]!
      for (let i = 0; i < n; i++) {
        const y = Math.sqrt(this.diag[i]!) * z[i]!
        zw[i] = zw[i]! + w * z[i]!
        yw[i] = yw[i]! + w * y
        ySq[i] = ySq[i]! + w * y * y
      }
    }
    for (let i = 0; i < n; i++) this.mean[i] = this.mean[i]! + this.sigma * yw[i]!
    const csn = Math.sqrt(this.cs * (2 - this.cs) * this.mueff)
    let psNorm = 0
    for (let i = 0; i < n; i++) {
      this.ps[i] = (1 - this.cs) * this.ps[i]! + csn * zw[i]!
      psNorm += this.ps[i]! ** 2
    }
    psNorm = Math.sqrt(psNorm)
    this.generation++
    const hs =
      psNorm / Math.sqrt(1 - (1 - this.cs) ** (2 * this.generation)) <
      (1.4 + 2 / (n + 1)) * this.chiN
        ? 1
        : 0
    const ccn = Math.sqrt(this.cc * (2 - this.cc) * this.mueff)
    for (let i = 0; i < n; i++) {
      this.pc[i] = (1 - this.cc) * this.pc[i]! + hs * ccn * yw[i]!
      const c = this.diag[i]!
      this.diag[i] =
        (1 - this.c1 - this.cmu) * c +
        this.c1 * (this.pc[i]! ** 2 + (1 - hs) * this.cc * (2 - this.cc) * c) +
        this.cmu * ySq[i]!
    }
    this.sigma *= Math.exp((this.cs / this.ds) * (psNorm / this.chiN - 1))
  }
}

/** `x` clamped into [lo, hi] per coordinate, and the squared distance it moved (a penalty for the cost). */
export function boxPenalty(
  x: ArrayLike<number>,
  lo = 0,
  hi = 1
): { clamped: Float64Array; penalty: number } {
  const clamped = new Float64Array(x.length)
  let penalty = 0
  for (let i = 0; i < x.length; i++) {
    const v = Math.min(hi, Math.max(lo, x[i]!))
    penalty += (x[i]! - v) ** 2
    clamped[i] = v
  }
  return { clamped, penalty }
}
