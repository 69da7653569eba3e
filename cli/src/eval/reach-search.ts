/**
 * @module cli/eval/reach-search — black-box likeness search over an engine's parameters for a fixed budget of
 * evaluations: sep-CMA-ES over a continuous search vector (by default the engine's own x, clamped to [0, 1]
 * with a penalty; or a SearchSpace, e.g. a prior's whitened coordinates with a prior penalty), and the discrete
 * groups chosen by trying every allowed option of each group in turn ("best of each option"), once at the
 * start and once halfway, with the continuous part held. The best point is the best score minus the space's
 * penalty. Engine-agnostic: it only calls `score`.
 */
import { boxPenalty, SepCmaEs } from './cmaes.ts'
import type { EngineParams } from './engines.ts'

/** A search problem. */
export interface SearchOptions {
  /** Where to start (e.g. the engine's mean face). */
  start: EngineParams
  /** Option counts of the discrete groups. */
  groups: readonly number[]
  /** Evaluations allowed (renders); the search never exceeds it. */
  budget: number
  seed: number
  /** CMA-ES start step in [0, 1] units. */
  sigma?: number
  /** Higher is better (e.g. the recogniser cosine to the photo). */
  score(p: EngineParams): Promise<number>
  /** Where the continuous search happens (default: x itself in the [0, 1] box). */
  space?: SearchSpace
  /** Whether option `option` of group `group` may be tried (default: all); e.g. styles the photo shows. */
  allowed?(group: number, option: number): boolean
  /** Makes a point consistent before it is scored (e.g. styles that go with the sex); the best is kept so. */
  project?(p: EngineParams): EngineParams
}

/** A continuous search space mapped onto the engine's x. */
export interface SearchSpace {
  /** The start point (its decoded x replaces start.x). */
  start: Float64Array
  /** The engine's x for a search vector, and what the point costs beyond the score (penalties, >= 0). */
  decode(y: Float64Array): { x: Float64Array; penalty: number }
}

/** The default space: x itself, clamped to the [0, 1] box with a quadratic penalty outside it. */
export function boxSpace(start: Float64Array): SearchSpace {
  return {
    start: Float64Array.from(start),
    decode(y) {
      const { clamped, penalty } = boxPenalty(y)
      return { x: clamped, penalty }
    },
  }
}

/** What the search found. */
export interface SearchResult {
  best: EngineParams
  score: number
  /** Evaluations used (<= budget). */
  evaluations: number
  /** Best objective (score minus penalty) after each evaluation. */
  trace: number[]
  /** The best point's search vector. */
  bestY: Float64Array
  /** The best point's penalty (its objective is score - penalty). */
  penalty: number
}

const copy = (p: EngineParams): EngineParams => ({
  x: Float64Array.from(p.x),
  styles: Int32Array.from(p.styles),
})

/** Runs the search; see the module comment for the schedule. */
export async function searchLikeness(o: SearchOptions): Promise<SearchResult> {
  const allowed = o.allowed ?? (() => true)
  const options = (g: number, held: number) =>
    Array.from({ length: o.groups[g]! }, (_, i) => i).filter((i) => i !== held && allowed(g, i))
  const stylePass = o.groups.reduce((s, _k, g) => s + options(g, -1).length - 1, 0)
  if (o.budget < 1 + 2 * stylePass)
    throw new Error(
      `a budget of ${o.budget} is too small: the style passes alone need ${1 + 2 * stylePass}.`
    )
  const space = o.space ?? boxSpace(o.start.x)
  const trace: number[] = []
  const first = space.decode(space.start)
  let best: EngineParams = { x: first.x, styles: Int32Array.from(o.start.styles) }
  let bestY = Float64Array.from(space.start)
  let bestPenalty = first.penalty
  let bestScore = -Infinity
  let bestObjective = -Infinity
  const evaluate = async (raw: EngineParams, y: Float64Array, penalty: number) => {
    const p = o.project ? o.project(raw) : raw
    const s = await o.score(p)
    if (s - penalty > bestObjective) {
      bestObjective = s - penalty
      bestScore = s
      bestPenalty = penalty
      best = copy(p)
      bestY = Float64Array.from(y)
    }
    trace.push(bestObjective)
    return s - penalty
  }
  const passStyles = async () => {
    for (let g = 0; g < o.groups.length; g++) {
      for (const option of options(g, best.styles[g]!)) {
        const p = copy(best)
        p.styles[g] = option
        await evaluate(p, bestY, bestPenalty)
      }
    }
  }
  const es = new SepCmaEs({ mean: space.start, sigma: o.sigma ?? 0.2, seed: o.seed })
  const generations = async (count: number) => {
    for (let g = 0; g < count; g++) {
      const styles = Int32Array.from(best.styles)
      const population = es.ask()
      const costs: number[] = []
      for (const c of population) {
        const { x, penalty } = space.decode(c.x)
        costs.push(-(await evaluate({ x, styles }, c.x, penalty)))
      }
      es.tell(population, costs)
    }
  }
  await evaluate(best, bestY, bestPenalty)
  await passStyles()
  const cma = Math.floor((o.budget - trace.length - stylePass) / es.lambda)
  await generations(Math.floor(cma / 2))
  await passStyles()
  await generations(Math.floor((o.budget - trace.length) / es.lambda))
  return {
    best,
    score: bestScore,
    evaluations: trace.length,
    trace,
    bestY,
    penalty: bestPenalty,
  }
}
