/**
 * @module cli/eval/verify-protocol — the LFW verification protocol (Huang et al. 2007, "View 2"; the paper's
 * Table 6): a pairs file in LFW's pairs.txt format, 10-fold accuracy with the threshold chosen on the other nine
 * folds, and PCA normalisation of parameter vectors (fitted on the nine training folds, whitened).
 *
 * pairs.txt: a header `folds n`, then per fold a block of same-person lines `name i j` followed by a block of
 * different-person lines `name1 i name2 j` (whitespace separated; i, j are 1-based photo numbers). LFW's own file
 * has exactly n of each per fold; a fold here may hold n or n + 1 of each, so that sets whose size is not a
 * multiple of the fold count (102 London people in 10 folds) keep LFW's layout.
 */

/** One pair of photos: `a` and `b` are [name, photo number]. */
export interface Pair {
  a: [string, number]
  b: [string, number]
  same: boolean
  fold: number
}

/** Parses a pairs file; errors name the line and what is wrong. */
export function parsePairs(text: string): { folds: number; pairs: Pair[] } {
  const lines = text.split(/\r?\n/).map((l, i) => [i + 1, l.trim()] as const)
  const body = lines.filter(([, l]) => l !== '')
  const [headLine, head] = body[0] ?? [1, '']
  const hv = head.split(/\s+/).map(Number)
  if (hv.length !== 2 || !hv.every((v) => Number.isInteger(v) && v > 0))
    throw new Error(
      `pairs line ${headLine}: the header must be 'folds n' (e.g. '10 300'), got '${head}'.`
    )
  const [folds, n] = hv as [number, number]
  const pairs: Pair[] = []
  let fold = 0
  let previousSame: boolean | null = null
  const runs: number[] = []
  for (const [no, line] of body.slice(1)) {
    const t = line.split(/\s+/)
    const num = (s: string) => {
      const v = Number(s)
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`pairs line ${no}: photo numbers are integers from 1, got '${s}'.`)
      return v
    }
    let pair: Omit<Pair, 'fold'>
    if (t.length === 3) pair = { a: [t[0]!, num(t[1]!)], b: [t[0]!, num(t[2]!)], same: true }
    else if (t.length === 4) pair = { a: [t[0]!, num(t[1]!)], b: [t[2]!, num(t[3]!)], same: false }
    else
      throw new Error(
        `pairs line ${no}: expected 'name i j' (same person) or 'name1 i name2 j' (different), got '${line}'.`
      )
    if (previousSame === false && pair.same) fold++ // a same-block after a different-block opens the next fold
    if (previousSame !== pair.same) runs.push(0)
    runs[runs.length - 1]!++
    previousSame = pair.same
    pairs.push({ ...pair, fold })
  }
  if (runs.length !== 2 * folds || pairs[0]?.same === false)
    throw new Error(
      `pairs: the header says ${folds} folds, each a block of same-person lines then a block of different-person lines; found ${runs.length} blocks.`
    )
  const bad = runs.findIndex((r) => r !== n && r !== n + 1)
  if (bad >= 0)
    throw new Error(
      `pairs: fold ${(bad >> 1) + 1} has ${runs[bad]} ${bad % 2 ? 'different' : 'same'}-person lines; the header says ${n} (or ${n + 1}).`
    )
  return { folds, pairs }
}

/** A pairs file for `same` and `different` pairs split evenly into `folds` (inverse of parsePairs). */
export function formatPairs(
  folds: number,
  same: Omit<Pair, 'fold'>[],
  different: Omit<Pair, 'fold'>[]
): string {
  const n = Math.floor(Math.min(same.length, different.length) / folds)
  const split = <T>(items: T[]) => {
    const out: T[][] = []
    let at = 0
    for (let f = 0; f < folds; f++) {
      const size = n + (f < items.length - n * folds ? 1 : 0)
      out.push(items.slice(at, at + size))
      at += size
    }
    return out
  }
  const s = split(same)
  const d = split(different)
  const lines = [`${folds} ${n}`]
  for (let f = 0; f < folds; f++) {
    for (const p of s[f]!) lines.push(`${p.a[0]} ${p.a[1]} ${p.b[1]}`)
    for (const p of d[f]!) lines.push(`${p.a[0]} ${p.a[1]} ${p.b[0]} ${p.b[1]}`)
  }
  return lines.join('\n') + '\n'
}

/** The threshold with the best accuracy on (score, same) samples (ties: the lowest), "same" when score >= t. */
export function bestThreshold(scores: readonly number[], same: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, same[i]!] as const).sort((a, b) => a[0] - b[0])
  // Threshold below everything: all called same.
  let correct = order.filter(([, s]) => s).length
  let best = correct
  let threshold = order.length ? order[0]![0] - 1e-9 : 0
  for (let i = 0; i < order.length; i++) {
    correct += order[i]![1] ? -1 : 1 // order[i] moves to "different"
    if (i + 1 < order.length && order[i + 1]![0] === order[i]![0]) continue
    if (correct > best) {
      best = correct
      threshold = i + 1 < order.length ? (order[i]![0] + order[i + 1]![0]) / 2 : order[i]![0] + 1e-9
    }
  }
  return threshold
}

/** 10-fold (any fold count) verification: per test fold, threshold chosen on the others. */
export function foldAccuracy(
  pairs: readonly Pair[],
  folds: number,
  score: (trainFolds: number[], pair: Pair) => number
): { accuracy: number; std: number; perFold: number[] } {
  const perFold: number[] = []
  for (let f = 0; f < folds; f++) {
    const train = [...Array(folds).keys()].filter((k) => k !== f)
    const trainPairs = pairs.filter((p) => p.fold !== f)
    const t = bestThreshold(
      trainPairs.map((p) => score(train, p)),
      trainPairs.map((p) => p.same)
    )
    const test = pairs.filter((p) => p.fold === f)
    perFold.push(test.filter((p) => score(train, p) >= t === p.same).length / test.length)
  }
  const accuracy = perFold.reduce((s, v) => s + v, 0) / folds
  const std = Math.sqrt(
    perFold.reduce((s, v) => s + (v - accuracy) ** 2, 0) / Math.max(1, folds - 1)
  )
  return { accuracy, std, perFold }
}

/**
 * PCA whitening fitted on `rows`: centre, rotate to the covariance's eigenvectors, divide by the square roots of
 * the eigenvalues (components with variance below 1e-9 of the largest are dropped). Returns the transform.
 */
export function fitWhitening(
  rows: readonly Float64Array[]
): (v: ArrayLike<number>) => Float64Array {
  const n = rows.length
  const d = rows[0]?.length ?? 0
  if (n < 2 || d < 1) throw new Error('PCA needs at least two vectors.')
  const mean = new Float64Array(d)
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] = mean[j]! + r[j]! / n
  const cov = new Float64Array(d * d)
  for (const r of rows)
    for (let a = 0; a < d; a++) {
      const va = r[a]! - mean[a]!
      if (va === 0) continue
      for (let b = a; b < d; b++)
        cov[a * d + b] = cov[a * d + b]! + (va * (r[b]! - mean[b]!)) / (n - 1)
    }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a]!
  const { values, vectors } = jacobiEigen(cov, d)
  const top = Math.max(...values)
  const keep = [...values.keys()].filter((k) => values[k]! > 1e-9 * top)
  return (v) => {
    const out = new Float64Array(keep.length)
    keep.forEach((k, o) => {
      let s = 0
      for (let j = 0; j < d; j++) s += vectors[j * d + k]! * (v[j]! - mean[j]!)
      out[o] = s / Math.sqrt(values[k]!)
    })
    return out
  }
}

/** Eigen-decomposition of a symmetric d x d matrix (cyclic Jacobi); vectors are columns of `vectors`. */
export function jacobiEigen(
  m: Float64Array,
  d: number
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m)
  const v = new Float64Array(d * d)
  for (let i = 0; i < d; i++) v[i * d + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2
    if (off < 1e-22) break
    for (let p = 0; p < d; p++)
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!
        if (Math.abs(apq) < 1e-300) continue
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!
          const akq = a[k * d + q]!
          a[k * d + p] = c * akp - s * akq
          a[k * d + q] = s * akp + c * akq
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!
          const aqk = a[q * d + k]!
          a[p * d + k] = c * apk - s * aqk
          a[q * d + k] = s * apk + c * aqk
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!
          const vkq = v[k * d + q]!
          v[k * d + p] = c * vkp - s * vkq
          v[k * d + q] = s * vkp + c * vkq
        }
      }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]!), vectors: v }
}
