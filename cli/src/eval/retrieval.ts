/**
 * @module cli/eval/retrieval — identity retrieval figures: each query's true match is the gallery item with the
 * same index; rank by cosine (for unit vectors the same order as Euclidean distance).
 */
import { cosine } from '@facecraft/shared/face'

/** Retrieval figures over n queries against an n-item gallery. */
export interface Retrieval {
  /** Share of queries whose own gallery item ranks first. */
  top1: number
  /** Share ranked in the first five. */
  top5: number
  /** Mean cosine to the own gallery item. */
  own_cos: number
  /** Mean cosine to the other gallery items. */
  others_cos: number
  /** Mean over queries of the own cosine minus the highest cosine to another item (> 0: ranked first). */
  gap: number
  /** Each query's rank of its own item (1 = best). */
  ranks: number[]
}

/** Ranks `gallery[i]` for each `queries[i]` among the whole gallery (ties count against the query). */
export function retrieval(
  queries: readonly ArrayLike<number>[],
  gallery: readonly ArrayLike<number>[],
  truth: readonly number[] = queries.map((_, i) => i)
): Retrieval {
  if (queries.length === 0) throw new Error('retrieval needs at least one query.')
  const ranks: number[] = []
  let own = 0
  let others = 0
  let otherCount = 0
  let gap = 0
  queries.forEach((q, i) => {
    const t = truth[i]!
    const sims = gallery.map((g) => cosine(q, g))
    const mine = sims[t]!
    own += mine
    let rank = 1
    let best = -Infinity
    sims.forEach((s, j) => {
      if (j === t) return
      best = Math.max(best, s)
      others += s
      otherCount++
      if (s >= mine) rank++
    })
    ranks.push(rank)
    if (sims.length > 1) gap += mine - best
  })
  const n = queries.length
  return {
    top1: ranks.filter((r) => r <= 1).length / n,
    top5: ranks.filter((r) => r <= 5).length / n,
    own_cos: own / n,
    others_cos: otherCount ? others / otherCount : NaN,
    gap: gap / n,
    ranks,
  }
}

/** Rounds a figure for a report (4 decimals); null stays null. */
export function round4(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(4))
}

/** Per-query identity figures when a person may have several gallery photos (see retrievalByLabel). */
export interface LabelledRetrieval {
  /** Rank of the best-scoring own photo among the gallery (1 = above every other person's photo). */
  ranks: number[]
  /** Mean cosine to the own gallery photos. */
  own: number[]
  /** Mean cosine to the other people's gallery photos. */
  others: number[]
}

/**
 * Each query against a labelled gallery: its own photos are those with the query's label. A query whose label
 * has no gallery photo is an error (the caller built the gallery wrongly).
 */
export function retrievalByLabel(
  queries: readonly ArrayLike<number>[],
  queryLabels: readonly string[],
  gallery: readonly ArrayLike<number>[],
  galleryLabels: readonly string[]
): LabelledRetrieval {
  const out: LabelledRetrieval = { ranks: [], own: [], others: [] }
  queries.forEach((q, i) => {
    const label = queryLabels[i]!
    const sims = gallery.map((g) => cosine(q, g))
    const own = sims.filter((_, j) => galleryLabels[j] === label)
    const others = sims.filter((_, j) => galleryLabels[j] !== label)
    if (own.length === 0) throw new Error(`no gallery photo for '${label}'.`)
    const best = Math.max(...own)
    out.ranks.push(1 + others.filter((s) => s >= best).length)
    out.own.push(own.reduce((s, v) => s + v, 0) / own.length)
    out.others.push(others.length ? others.reduce((s, v) => s + v, 0) / others.length : NaN)
  })
  return out
}
