/**
 * @module cli/eval/reach-search — black-box likeness search over an engine's parameters for a fixed budget of
 * evaluations: sep-CMA-ES over the continuous vector (clamped to [0, 1] with a penalty), and the discrete
 * groups chosen by trying every option of each group in turn ("best of each option"), once at the start and once
 * halfway, with the continuous part held. Engine-agnostic: it only calls `score`.
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
}

/** What the search found. */
export interface SearchResult {
  best: EngineParams
  score: number
  /** Evaluations used (<= budget). */
  evaluations: number
  /** Best score after each evaluation. */
  trace: number[]
}

const copy = (p: EngineParams): EngineParams => ({
  x: Float64Array.from(p.x),
  styles: Int32Array.from(p.styles),
})

/** Runs the search; see the module comment for the schedule. */
export async function searchLikeness(o: SearchOptions): Promise<SearchResult> {
  const stylePass = o.groups.reduce((s, k) => s + k - 1, 0)
  if (o.budget < 1 + 2 * stylePass)
    throw new Error(
      `a budget of ${o.budget} is too small: the style passes alone need ${1 + 2 * stylePass}.`
    )
  const trace: number[] = []
  let best = copy(o.start)
  let bestScore = -Infinity
  const evaluate = async (p: EngineParams) => {
    const s = await o.score(p)
    if (s > bestScore) {
      bestScore = s
      best = copy(p)
    }
    trace.push(bestScore)
    return s
  }
  const passStyles = async () => {
    for (const [g, count] of o.groups.entries()) {
      const held = best.styles[g]!
      for (let option = 0; option < count; option++) {
        if (option === held) continue
        const p = copy(best)
        p.styles[g] = option
        await evaluate(p)
      }
    }
  }
  const es = new SepCmaEs({ mean: o.start.x, sigma: o.sigma ?? 0.2, seed: o.seed })
  const generations = async (count: number) => {
    for (let g = 0; g < count; g++) {
      const styles = Int32Array.from(best.styles)
      const population = es.ask()
      const costs: number[] = []
      for (const c of population) {
        const { clamped, penalty } = boxPenalty(c.x)
        costs.push(-(await evaluate({ x: clamped, styles })) + penalty)
      }
      es.tell(population, costs)
    }
  }
  await evaluate(o.start)
  await passStyles()
  const cma = Math.floor((o.budget - trace.length - stylePass) / es.lambda)
  await generations(Math.floor(cma / 2))
  await passStyles()
  await generations(Math.floor((o.budget - trace.length) / es.lambda))
  return { best, score: bestScore, evaluations: trace.length, trace }
}
