/**
 * @module detail/pca — principal components of many long vectors (a few hundred photos' detail images) through
 * their Gram matrix, for the basis build and the diagnostics. Deterministic: a component's sign is fixed so that
 * its entries sum to >= 0.
 */

/**
 * Eigenvalues and eigenvectors (columns of `vectors`, row-major n x n) of a symmetric matrix: Householder
 * tridiagonalisation, then the implicit QL algorithm (JAMA's tred2 / tql2, public domain). O(n^3): ~1 s for the
 * Gram matrix of 800 photos, where cyclic Jacobi took minutes.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const V = Array.from({ length: n }, (_, i) => Float64Array.from(a.subarray(i * n, (i + 1) * n)))
  const d = new Float64Array(n)
  const e = new Float64Array(n)
  // tred2
  for (let j = 0; j < n; j++) d[j] = V[n - 1]![j]!
  for (let i = n - 1; i > 0; i--) {
    let scale = 0
    let h = 0
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!)
    if (scale === 0) {
      e[i] = d[i - 1]!
      for (let j = 0; j < i; j++) {
        d[j] = V[i - 1]![j]!
        V[i]![j] = 0
        V[j]![i] = 0
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale
        h += d[k]! * d[k]!
      }
      let f = d[i - 1]!
      let g = Math.sqrt(h)
      if (f > 0) g = -g
      e[i] = scale * g
      h -= f * g
      d[i - 1] = f - g
      for (let j = 0; j < i; j++) e[j] = 0
      for (let j = 0; j < i; j++) {
        f = d[j]!
        V[j]![i] = f
        g = e[j]! + V[j]![j]! * f
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k]![j]! * d[k]!
          e[k] = e[k]! + V[k]![j]! * f
        }
        e[j] = g
      }
      f = 0
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h
        f += e[j]! * d[j]!
      }
      const hh = f / (h + h)
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!
      for (let j = 0; j < i; j++) {
        f = d[j]!
        g = e[j]!
        for (let k = j; k <= i - 1; k++) V[k]![j] = V[k]![j]! - (f * e[k]! + g * d[k]!)
        d[j] = V[i - 1]![j]!
        V[i]![j] = 0
      }
    }
    d[i] = h
  }
  for (let i = 0; i < n - 1; i++) {
    V[n - 1]![i] = V[i]![i]!
    V[i]![i] = 1
    const h = d[i + 1]!
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k]![i + 1]! / h
      for (let j = 0; j <= i; j++) {
        let g = 0
        for (let k = 0; k <= i; k++) g += V[k]![i + 1]! * V[k]![j]!
        for (let k = 0; k <= i; k++) V[k]![j] = V[k]![j]! - g * d[k]!
      }
    }
    for (let k = 0; k <= i; k++) V[k]![i + 1] = 0
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[n - 1]![j]!
    V[n - 1]![j] = 0
  }
  V[n - 1]![n - 1] = 1
  e[0] = 0
  // tql2
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!
  e[n - 1] = 0
  let f = 0
  let tst1 = 0
  const eps = 2 ** -52
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!))
    let m = l
    while (m < n && Math.abs(e[m]!) > eps * tst1) m++
    if (m > l) {
      do {
        let g = d[l]!
        let p = (d[l + 1]! - g) / (2 * e[l]!)
        let r = Math.hypot(p, 1)
        if (p < 0) r = -r
        d[l] = e[l]! / (p + r)
        d[l + 1] = e[l]! * (p + r)
        const dl1 = d[l + 1]!
        let h = g - d[l]!
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h
        f += h
        p = d[m]!
        let c = 1
        let c2 = c
        let c3 = c
        const el1 = e[l + 1]!
        let s = 0
        let s2 = 0
        for (let i = m - 1; i >= l; i--) {
          c3 = c2
          c2 = c
          s2 = s
          g = c * e[i]!
          h = c * p
          r = Math.hypot(p, e[i]!)
          e[i + 1] = s * r
          s = e[i]! / r
          c = p / r
          p = c * d[i]! - s * g
          d[i + 1] = h + s * (c * g + s * d[i]!)
          for (let k = 0; k < n; k++) {
            const row = V[k]!
            h = row[i + 1]!
            row[i + 1] = s * row[i]! + c * h
            row[i] = c * row[i]! - s * h
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1
        e[l] = s * p
        d[l] = c * p
      } while (Math.abs(e[l]!) > eps * tst1)
    }
    d[l] = d[l]! + f
    e[l] = 0
  }
  const vectors = new Float64Array(n * n)
  for (let i = 0; i < n; i++) vectors.set(V[i]!, i * n)
  return { values: d, vectors }
} // prettier-ignore

/** Mean, leading components and their variances. */
export interface Pca {
  mean: Float32Array
  /** Unit-length components, largest variance first. */
  components: Float32Array[]
  /** Each component's variance over the rows (eigenvalue / (rows - 1)). */
  variances: Float64Array
  /** Sum of every component's variance (the rows' total variance). */
  total: number
}

/** Mean and the first `k` principal components of `rows` (all the same length; rows << length). */
export function pca(rows: readonly Float32Array[], k: number): Pca {
  const n = rows.length
  if (n < 2) throw new Error(`PCA needs at least 2 rows; got ${n}.`)
  const P = rows[0]!.length
  const mean = new Float32Array(P)
  for (const r of rows) for (let i = 0; i < P; i++) mean[i] = mean[i]! + r[i]! / n
  const centred = rows.map((r) => r.map((v, i) => v - mean[i]!))
  const gram = new Float64Array(n * n)
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      let s = 0
      const ra = centred[a]!
      const rb = centred[b]!
      for (let i = 0; i < P; i++) s += ra[i]! * rb[i]!
      gram[a * n + b] = gram[b * n + a] = s
    }
  const { values, vectors } = symmetricEigen(gram, n)
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]! || a - b).slice(0, Math.min(k, n - 1))
  const total = values.reduce((a, b) => a + Math.max(0, b), 0) / (n - 1)
  const components = order.map((j) => {
    const c = new Float64Array(P)
    for (let a = 0; a < n; a++) {
      const w = vectors[a * n + j]!
      const ra = centred[a]!
      for (let i = 0; i < P; i++) c[i] = c[i]! + w * ra[i]!
    }
    let norm = 0
    let sum = 0
    for (let i = 0; i < P; i++) {
      norm += c[i]! ** 2
      sum += c[i]!
    }
    const f = (sum < 0 ? -1 : 1) / Math.sqrt(norm)
    return Float32Array.from(c, (v) => v * f)
  })
  const variances = Float64Array.from(order, (j) => Math.max(0, values[j]!) / (n - 1))
  return { mean, components, variances, total }
} // prettier-ignore
