/**
 * @module engine/v2/look/concavity — a cheap ambient-occlusion estimate for the skin: how far each vertex lies
 * below a smoothed copy of the surface (Laplacian smoothing pulls concave points outward: eye sockets, nostrils,
 * the corners of the mouth, the ear's folds). Computed once per topology on the rest mesh and baked into the skin
 * texture, so the occlusion follows morphs with the texture.
 */
import { MATERIAL, type HeadMesh } from '../mesh-types.ts'
import { smoothstep } from './noise.ts'

/** Smoothing passes of the broad (sockets) and fine (creases) scales, and their depth ranges (cm). */
const BROAD = { passes: 14, depth: 0.7 }
const FINE = { passes: 3, depth: 0.18 }

/** Occlusion per vertex, 0 (open) .. 1 (deep), for the skin vertices of `mesh` (0 elsewhere). */
export function skinConcavity(mesh: HeadMesh, rest: Float32Array): Float32Array {
  const V = mesh.vertexCount
  const weld = new Int32Array(V).fill(-1)
  const ids = new Map<number, number>()
  const tris: number[] = []
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (mesh.material[t] !== MATERIAL.skin) continue
    tris.push(t)
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[t * 3 + k]!
      if (weld[v]! >= 0) continue
      // Numeric key: position rounded to 0.1 mm, 16 bits per axis (+-327 cm).
      const q = (i: number) => (Math.round(rest[v * 3 + i]! * 100) + 32768) & 0xffff
      const key = (q(0) * 65536 + q(1)) * 65536 + q(2)
      let id = ids.get(key)
      if (id === undefined) ids.set(key, (id = ids.size))
      weld[v] = id
    }
  }
  const n = ids.size
  const p = new Float64Array(n * 3)
  const nrm = new Float64Array(n * 3)
  for (let v = 0; v < V; v++) {
    const w = weld[v]!
    if (w >= 0) for (let k = 0; k < 3; k++) p[w * 3 + k] = rest[v * 3 + k]!
  }
  const ea: number[] = []
  const eb: number[] = []
  const seen = new Set<number>()
  for (const t of tris) {
    const a = weld[mesh.indices[t * 3]!]!
    const b = weld[mesh.indices[t * 3 + 1]!]!
    const c = weld[mesh.indices[t * 3 + 2]!]!
    const ux = p[b * 3]! - p[a * 3]!,
      uy = p[b * 3 + 1]! - p[a * 3 + 1]!,
      uz = p[b * 3 + 2]! - p[a * 3 + 2]!
    const vx = p[c * 3]! - p[a * 3]!,
      vy = p[c * 3 + 1]! - p[a * 3 + 1]!,
      vz = p[c * 3 + 2]! - p[a * 3 + 2]!
    const cr = [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx]
    for (const q of [a, b, c]) for (let k = 0; k < 3; k++) nrm[q * 3 + k] = nrm[q * 3 + k]! + cr[k]!
    for (const [x, y] of [
      [a, b],
      [b, c],
      [c, a],
    ] as const) {
      const key = x < y ? x * n + y : y * n + x
      if (seen.has(key)) continue
      seen.add(key)
      ea.push(x)
      eb.push(y)
    }
  }
  const depth = (passes: number) => {
    let cur = Float64Array.from(p)
    const acc = new Float64Array(n * 3)
    const deg = new Float64Array(n)
    for (let it = 0; it < passes; it++) {
      acc.fill(0)
      deg.fill(0)
      for (let e = 0; e < ea.length; e++) {
        const a = ea[e]!,
          b = eb[e]!
        for (let k = 0; k < 3; k++) {
          acc[a * 3 + k] = acc[a * 3 + k]! + cur[b * 3 + k]!
          acc[b * 3 + k] = acc[b * 3 + k]! + cur[a * 3 + k]!
        }
        deg[a] = deg[a]! + 1
        deg[b] = deg[b]! + 1
      }
      const next = new Float64Array(n * 3)
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < 3; k++) {
          const avg = deg[i] ? acc[i * 3 + k]! / deg[i]! : cur[i * 3 + k]!
          next[i * 3 + k] = cur[i * 3 + k]! + 0.6 * (avg - cur[i * 3 + k]!)
        }
      }
      cur = next
    }
    const d = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const l = Math.hypot(nrm[i * 3]!, nrm[i * 3 + 1]!, nrm[i * 3 + 2]!) || 1
      let s = 0
      for (let k = 0; k < 3; k++) s += ((cur[i * 3 + k]! - p[i * 3 + k]!) * nrm[i * 3 + k]!) / l
      d[i] = s
    }
    return d
  }
  const broad = depth(BROAD.passes)
  const fine = depth(FINE.passes)
  const out = new Float32Array(V)
  for (let v = 0; v < V; v++) {
    const w = weld[v]!
    if (w < 0) continue
    out[v] =
      0.5 * smoothstep(0.05, BROAD.depth, broad[w]!) + 0.45 * smoothstep(0.02, FINE.depth, fine[w]!)
  }
  return out
}
