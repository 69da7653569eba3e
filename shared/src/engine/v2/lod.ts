/**
 * @module engine/v2/lod — a level of detail for small renders: a part's triangles decimated by half-edge
 * collapses. Each collapse moves one vertex onto a neighbour, so the kept triangles use a SUBSET of the part's own
 * vertices: the positions (and so every morph target and proxy fit), normals, UVs and masks of a posed mesh serve
 * both levels unchanged. Collapses are ordered by quadric error (Garland & Heckbert 1997: the squared distances to
 * the planes of the triangles merged into a vertex) on the NEUTRAL head, so one decimation serves every character.
 * Border vertices (UV seams, the mouth and eye openings, a part's outline) never move, and a collapse that would
 * flip or stretch a triangle is refused.
 */
import { MATERIAL, type HeadMesh, type PartRange } from './mesh-types.ts'

/** Limits of a decimation (cm, model space: the neutral head). */
export interface DecimateLimits {
  /** Largest quadric error of a collapse, cm^2 (about the summed squared distance to the merged planes). */
  maxError: number
  /** Longest edge a collapse may create, cm (vertex lighting is interpolated along edges). */
  maxEdge: number
}

/**
 * Default limits for renders of at most LOD_MAX_SIZE px (a 128 px render's pixel spans ~0.27 cm at the head, a
 * 256 px one's ~0.13 cm: a collapse's error bound, 0.1 cm from the merged planes, stays within a pixel):
 * seed 1's 30.5k triangles become 24.2k, and with the skin-first order (without per-pixel shading) they move
 * the mean absolute pixel difference by 0.16 of 255 (20 plausible characters; docs/engine.md, 'A level of detail for thumbnails').
 */
export const DEFAULT_LOD_LIMITS: DecimateLimits = { maxError: 0.01, maxEdge: 1 }

/** Plane quadrics (a^2, ab, ac, ad, b^2, bc, bd, c^2, cd, d^2) of unit-normal triangle planes per vertex. */
function quadrics(pos: Float32Array, I: Int32Array, v0: number, n: number): Float64Array {
  const Q = new Float64Array(n * 10)
  for (let t = 0; t < I.length; t += 3) {
    const a = (I[t]! + v0) * 3,
      b = (I[t + 1]! + v0) * 3,
      c = (I[t + 2]! + v0) * 3
    const ux = pos[b]! - pos[a]!,
      uy = pos[b + 1]! - pos[a + 1]!,
      uz = pos[b + 2]! - pos[a + 2]!
    const vx = pos[c]! - pos[a]!,
      vy = pos[c + 1]! - pos[a + 1]!,
      vz = pos[c + 2]! - pos[a + 2]!
    let nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx
    const l = Math.sqrt(nx * nx + ny * ny + nz * nz)
    if (!(l > 0)) continue
    nx /= l
    ny /= l
    nz /= l
    const d = -(nx * pos[a]! + ny * pos[a + 1]! + nz * pos[a + 2]!)
    const q = [nx * nx, nx * ny, nx * nz, nx * d, ny * ny, ny * nz, ny * d, nz * nz, nz * d, d * d]
    for (let k = 0; k < 3; k++) {
      const o = I[t + k]! * 10
      for (let j = 0; j < 10; j++) Q[o + j] = Q[o + j]! + q[j]!
    }
  }
  return Q
}

/** The quadric error of vertex u's (summed) quadric at point (x, y, z). */
function quadricError(Q: Float64Array, u: number, x: number, y: number, z: number): number {
  const o = u * 10
  return (
    Q[o]! * x * x +
    2 * Q[o + 1]! * x * y +
    2 * Q[o + 2]! * x * z +
    2 * Q[o + 3]! * x +
    Q[o + 4]! * y * y +
    2 * Q[o + 5]! * y * z +
    2 * Q[o + 6]! * y +
    Q[o + 7]! * z * z +
    2 * Q[o + 8]! * z +
    Q[o + 9]!
  )
}

/** Vertices on a border or non-manifold edge (an edge not shared by exactly two triangles): they never move. */
function lockedVertices(I: Int32Array, n: number): Uint8Array {
  const uses = new Map<number, number>()
  for (let t = 0; t < I.length; t += 3)
    for (let k = 0; k < 3; k++) {
      const a = I[t + k]!,
        b = I[t + ((k + 1) % 3)]!
      const key = Math.min(a, b) * n + Math.max(a, b)
      uses.set(key, (uses.get(key) ?? 0) + 1)
    }
  const locked = new Uint8Array(n)
  for (const [key, count] of uses)
    if (count !== 2) {
      locked[Math.floor(key / n)] = 1
      locked[key % n] = 1
    }
  return locked
}

/** Per vertex, its live triangles (compressed rows: tris[start[v] .. start[v + 1]]). */
function adjacency(I: Int32Array, alive: Uint8Array, n: number) {
  const start = new Int32Array(n + 1)
  for (let t = 0; t < alive.length; t++)
    if (alive[t])
      for (let k = 0; k < 3; k++) {
        const v = I[t * 3 + k]! + 1
        start[v] = start[v]! + 1
      }
  for (let v = 0; v < n; v++) start[v + 1] = start[v + 1]! + start[v]!
  const fill = start.slice(0, n)
  const tris = new Int32Array(start[n]!)
  for (let t = 0; t < alive.length; t++)
    if (alive[t]) for (let k = 0; k < 3; k++) tris[fill[I[t * 3 + k]!]!++] = t
  return { start, tris }
}

/**
 * Decimates one part: `indices` are its triangles (global vertex ids in [v0, v0 + n)), `pos` the mesh's positions
 * (3 per vertex, cm). Returns the kept triangles, in their original order, with the same global vertex ids (a
 * subset of the part's vertices).
 */
export function decimatePart(
  pos: Float32Array,
  indices: ArrayLike<number>,
  v0: number,
  n: number,
  limits: DecimateLimits = DEFAULT_LOD_LIMITS
): Uint32Array {
  const I = Int32Array.from(indices, (v) => v - v0)
  const T = I.length / 3
  const alive = new Uint8Array(T).fill(1)
  const Q = quadrics(pos, I, v0, n)
  const locked = lockedVertices(I, n)
  const at = (v: number, k: number) => pos[(v + v0) * 3 + k]!
  const maxEdge2 = limits.maxEdge * limits.maxEdge
  const stamp = new Int32Array(n).fill(-1)
  let marks = 0
  const cu = new Int32Array(T * 6)
  const cv = new Int32Array(T * 6)
  const cost = new Float64Array(T * 6)
  for (;;) {
    const { start, tris } = adjacency(I, alive, n)
    // Candidates: every live directed edge u -> v with u free to move (each edge of a triangle, both ways; an
    // interior edge is seen from both its triangles, which only repeats a candidate).
    let count = 0
    for (let t = 0; t < T; t++) {
      if (!alive[t]) continue
      for (let k = 0; k < 6; k++) {
        const u = I[t * 3 + (k % 3)]!,
          v = I[t * 3 + ((k + 1 + (k >= 3 ? 1 : 0)) % 3)]!
        if (locked[u]) continue
        const x = at(v, 0),
          y = at(v, 1),
          z = at(v, 2)
        const e = quadricError(Q, u, x, y, z) + quadricError(Q, v, x, y, z)
        if (e > limits.maxError) continue
        cu[count] = u
        cv[count] = v
        cost[count++] = e
      }
    }
    const order = new Uint32Array(count)
    for (let c = 0; c < count; c++) order[c] = c
    order.sort((a, b) => cost[a]! - cost[b]!)
    const touched = new Uint8Array(n)
    let collapsed = 0
    for (const c of order) {
      const u = cu[c]!,
        v = cv[c]!
      if (touched[u] || touched[v]) continue
      if (!canCollapse(u, v, ++marks)) continue
      for (let j = start[u]!; j < start[u + 1]!; j++) {
        const t = tris[j]!
        if (!alive[t]) continue
        for (let k = 0; k < 3; k++) touched[I[t * 3 + k]!] = 1
        if (I[t * 3] === v || I[t * 3 + 1] === v || I[t * 3 + 2] === v) alive[t] = 0
        else for (let k = 0; k < 3; k++) if (I[t * 3 + k] === u) I[t * 3 + k] = v
      }
      for (let j = 0; j < 10; j++) Q[v * 10 + j] = Q[v * 10 + j]! + Q[u * 10 + j]!
      collapsed++
    }
    if (collapsed === 0) break

    /** Whether u may move onto v: the link condition (exactly two shared neighbours), no flip, no long edge. */
    function canCollapse(u: number, v: number, mark: number): boolean {
      for (let j = start[u]!; j < start[u + 1]!; j++) {
        const t = tris[j]!
        for (let k = 0; k < 3; k++) stamp[I[t * 3 + k]!] = mark
      }
      let shared = 0
      for (let j = start[v]!; j < start[v + 1]!; j++) {
        const t = tris[j]!
        for (let k = 0; k < 3; k++) {
          const w = I[t * 3 + k]!
          if (w !== u && w !== v && stamp[w] === mark) {
            shared++
            stamp[w] = -2 // counted once
          }
        }
      }
      if (shared !== 2) return false
      for (let j = start[u]!; j < start[u + 1]!; j++) {
        const t = tris[j]!
        const a = I[t * 3]!,
          b = I[t * 3 + 1]!,
          c = I[t * 3 + 2]!
        if (a === v || b === v || c === v) continue
        if (!keepsShape(pos, a + v0, b + v0, c + v0, u + v0, v + v0, maxEdge2)) return false
      }
      return true
    }
  }
  const out: number[] = []
  for (let t = 0; t < T; t++)
    if (alive[t]) out.push(I[t * 3]! + v0, I[t * 3 + 1]! + v0, I[t * 3 + 2]! + v0)
  return Uint32Array.from(out)
}

/**
 * Whether triangle (a, b, c) with corner u moved onto v (global ids) keeps its facing (normal within ~78
 * degrees) and edges no longer than sqrt(maxEdge2).
 */
function keepsShape(
  P: Float32Array,
  a: number,
  b: number,
  c: number,
  u: number,
  v: number,
  maxEdge2: number
): boolean {
  // Before: the corners as they are; after: u at v. Rotate so that u is the first corner.
  if (b === u) [a, b, c] = [b, c, a]
  else if (c === u) [a, b, c] = [c, a, b]
  const ax = P[a * 3]!,
    ay = P[a * 3 + 1]!,
    az = P[a * 3 + 2]!
  const vx = P[v * 3]!,
    vy = P[v * 3 + 1]!,
    vz = P[v * 3 + 2]!
  const bx = P[b * 3]!,
    by = P[b * 3 + 1]!,
    bz = P[b * 3 + 2]!
  const cx = P[c * 3]!,
    cy = P[c * 3 + 1]!,
    cz = P[c * 3 + 2]!
  // Edges b - v and c - v of the moved triangle.
  const e1x = bx - vx,
    e1y = by - vy,
    e1z = bz - vz
  const e2x = cx - vx,
    e2y = cy - vy,
    e2z = cz - vz
  if (e1x * e1x + e1y * e1y + e1z * e1z > maxEdge2) return false
  if (e2x * e2x + e2y * e2y + e2z * e2z > maxEdge2) return false
  const n1x = e1y * e2z - e1z * e2y,
    n1y = e1z * e2x - e1x * e2z,
    n1z = e1x * e2y - e1y * e2x
  const f1x = bx - ax,
    f1y = by - ay,
    f1z = bz - az
  const f2x = cx - ax,
    f2y = cy - ay,
    f2z = cz - az
  const n0x = f1y * f2z - f1z * f2y,
    n0y = f1z * f2x - f1x * f2z,
    n0z = f1x * f2y - f1y * f2x
  const l0 = Math.sqrt(n0x * n0x + n0y * n0y + n0z * n0z),
    l1 = Math.sqrt(n1x * n1x + n1y * n1y + n1z * n1z)
  return l1 > 1e-12 && n0x * n1x + n0y * n1y + n0z * n1z >= 0.2 * l0 * l1
}

/**
 * Largest render (px) drawn at the level of detail when a render asks for it (RenderOptionsV2.lod): the PWA's
 * thumbnails (gallery 256, samples 192, style pickers 160). Why 256, not 128 as at first: at 160-256 px the level of
 * detail looks the same as full detail (mean absolute difference 0.52-0.65 of 255 over 20 plausible characters, as
 * at 128: 0.53) and 12-27% faster (docs/engine.md, 'The level of detail up to 256 px'); at 128 no screen used it.
 */
export const LOD_MAX_SIZE = 256

/**
 * Materials decimated: opaque surfaces whose look comes from per-vertex values and their own UV layout (skin,
 * eyeballs, teeth, tongue). Strand parts (hair, beard, brows, lashes) keep every triangle: their strand
 * coordinates and alpha come from their cards' topology.
 */
const DECIMATED: ReadonlySet<number> = new Set([
  MATERIAL.skin,
  MATERIAL.eyeball,
  MATERIAL.teeth,
  MATERIAL.tongue,
])

/**
 * Drawing passes of the level of detail: the opaque parts first (skin, then eyes and the mouth's inside), then the
 * alpha-tested ones (hair cards and brows behind the skin then fail the depth test before they are shaded or
 * inflated), the blending materials last. Opaque and alpha-tested results do not depend on the order (z-buffer).
 */
const LOD_PASS: readonly number[] = (() => {
  const pass = new Array<number>(16).fill(3)
  pass[MATERIAL.skin] = 0
  pass[MATERIAL.eyeball] = 1
  pass[MATERIAL.teeth] = 2
  pass[MATERIAL.tongue] = 2
  pass[MATERIAL.cornea] = 4
  pass[MATERIAL.glassesLens] = 4
  return pass
})()

/** The triangles of a mesh's level of detail (over the mesh's own vertices; materials as the mesh's). */
export interface LodTriangles {
  /** Triangle corners, T*3 (a subset of the mesh's vertices), in the mesh's drawing order of parts. */
  indices: Uint32Array
  /** One MATERIAL id per triangle. */
  material: Uint8Array
  triangleCount: number
}

/**
 * The level of detail of a posed mesh, or null when the mesh does not say where its parts lie or has no neutral
 * positions. `parts` caches each named part's decimation (local vertex ids), so a new combination of parts only
 * concatenates: decimation runs once per part of a pack.
 */
export function lodTriangles(
  mesh: HeadMesh,
  parts: Map<string, Uint32Array>,
  limits: DecimateLimits = DEFAULT_LOD_LIMITS
): LodTriangles | null {
  const rest = mesh.rest
  if (!mesh.parts || !rest) return null
  const ranges = [...mesh.parts].sort(
    (a, b) => LOD_PASS[a.material]! - LOD_PASS[b.material]! || a.firstTriangle - b.firstTriangle
  )
  const pieces: { range: PartRange; local: Uint32Array | null }[] = []
  let T = 0
  for (const r of ranges) {
    let local: Uint32Array | null = null
    if (r.key !== undefined && DECIMATED.has(r.material)) {
      local = parts.get(r.key) ?? null
      if (!local) {
        const full = mesh.indices.subarray(
          r.firstTriangle * 3,
          (r.firstTriangle + r.triangleCount) * 3
        )
        local = decimatePart(rest, full, r.firstVertex, r.vertexCount, limits)
        for (let k = 0; k < local.length; k++) local[k] = local[k]! - r.firstVertex
        parts.set(r.key, local)
      }
    }
    pieces.push({ range: r, local })
    T += local ? local.length / 3 : r.triangleCount
  }
  const indices = new Uint32Array(T * 3)
  const material = new Uint8Array(T)
  let t = 0
  for (const { range: r, local } of pieces) {
    const n = local ? local.length / 3 : r.triangleCount
    if (local) for (let k = 0; k < local.length; k++) indices[t * 3 + k] = local[k]! + r.firstVertex
    else indices.set(mesh.indices.subarray(r.firstTriangle * 3, (r.firstTriangle + n) * 3), t * 3)
    material.fill(r.material, t, t + n)
    t += n
  }
  return { indices, material, triangleCount: T }
}
