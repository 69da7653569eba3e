/**
 * @module engine/v2/look/topology — per-mesh facts the strand shading needs, for the alpha-tested materials
 * (hair, beard, brows, lashes). Vertices are welded by rest position first (UV seams are not borders), then:
 * - `border`: how far (in edges, capped at BORDER_HOPS) a vertex lies from its surface's open border, 0..1;
 * - `s`, `t`: strip coordinates of each connected piece (one brow, one lash row): s runs 0..1 along the piece
 *   from its medial to its lateral end (|x|) (2..3 for a piece lying below another, i.e. a lower lash row), t is
 *   the signed height across it from its root side (-1) to its free side (+1), relative to the piece's local
 *   centre line and half-thickness (bins along |x| for brows; a line fitted around each vertex for lashes, whose
 *   leaning columns a bin edge could split: lashHeights);
 * - `tuft`: 1 for the vertices of a hair piece of at most TUFT_VERTICES (a loose card: afro01's tufts); such
 *   a vertex's s and t are its place on the card (0..1 each, from the card's UV rectangle).
 * Cached by content (see contentKey).
 */
import { MATERIAL, type HeadMesh, type PartRange } from '../mesh-types.ts'

/** Border distance (edges) at which a strand counts as fully "root". */
export const BORDER_HOPS = 3
/** A hair piece of at most this many (welded) vertices is a loose tuft, not a cap or a strip of cards. */
export const TUFT_VERTICES = 8
const BINS = 12

const STRANDY = new Set<number>([MATERIAL.hair, MATERIAL.brow, MATERIAL.lash, MATERIAL.beard])
/** Material ids fit below this (per-material scratch arrays). */
const MATERIAL_SLOTS = 16

/** Strand topology of a mesh (see the module comment); 1 / 0 / 0 for other vertices. */
export interface StrandTopology {
  border: Float32Array
  s: Float32Array
  t: Float32Array
  tuft: Uint8Array
}

/** Merged results kept (by their parts' keys). */
const MAX_CACHED = 8

/**
 * Content key of the strand surfaces: their triangles (materials and corners) and their rest positions rounded to
 * 0.1 mm, so a cached result is only reused for exactly the same input (renders stay independent of order).
 */
function contentKey(mesh: HeadMesh, rest: Float32Array): string {
  let h1 = 0x811c9dc5 | 0
  let h2 = 0x01000193 | 0
  let n = 0
  for (let t = 0; t < mesh.triangleCount; t++) {
    const m = mesh.material[t]!
    if (!STRANDY.has(m)) continue
    n++
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[t * 3 + k]!
      h1 = Math.imul(h1 ^ (v + m * 7919), 0x01000193)
      const q =
        Math.round(rest[v * 3]! * 100) +
        Math.round(rest[v * 3 + 1]! * 100) * 131 +
        Math.round(rest[v * 3 + 2]! * 100) * 17161
      h2 = Math.imul(h2 ^ q, 0x5bd1e995)
    }
  }
  return `${mesh.vertexCount}:${n}:${h1 >>> 0}:${h2 >>> 0}`
}

function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]!]!
    a = parent[a]!
  }
  return a
}

/** A strand material's part of a mesh: its vertex range and its topology over that range. */
export interface StrandPart {
  material: number
  /** First vertex of the range; the arrays of `topo` are indexed from it. */
  first: number
  topo: StrandTopology
  /** Content key of the part (equal parts, equal keys), and the part as a small mesh of its own. */
  key: string
  mesh: HeadMesh
  rest: Float32Array
}

const partCache = new Map<string, StrandTopology>()
const topoByRest = new WeakMap<Float32Array, StrandTopology>()
const merged = new Map<string, StrandTopology>()
/** Parts kept: every hairstyle, brow, lash set and beard of the pack fits (12 + 12 + 4 + 5 = 33). */
const MAX_PARTS = 64

/**
 * The strand parts of `mesh` (one per strand material present), each computed once per distinct part: a hairstyle
 * is analysed once whatever brows, lashes or beard come with it. Assumes each material's vertices are one range
 * (the geometry concatenates parts).
 */
export function strandParts(mesh: HeadMesh, rest: Float32Array): StrandPart[] {
  // A real rest array is made once per set of parts by the geometry: its identity names the set.
  const known = rest !== mesh.positions ? partsByRest.get(rest) : undefined
  if (known && known.triangles === mesh.triangleCount) return known.parts
  const parts = (mesh.parts && partsFromRanges(mesh, rest, mesh.parts)) || findParts(mesh, rest)
  if (rest !== mesh.positions) partsByRest.set(rest, { triangles: mesh.triangleCount, parts })
  return parts
}

/** A strand part's facts that do not depend on where a combination puts it (cached per PartRange.key). */
interface PartFacts {
  /** Its first and last referenced vertex, from the range's first vertex. */
  lo: number
  hi: number
  indices: Uint32Array
  material: Uint8Array
  key: string
}
const factsByKey = new Map<string, PartFacts>()

/**
 * findParts' result read from the geometry's part ranges (HeadMesh.parts), without scanning the whole mesh: a
 * strand material's triangles are its one part's range, in the same order. A named part (PartRange.key) is
 * analysed once. Null when a strand material has more than one part (findParts handles that).
 */
function partsFromRanges(
  mesh: HeadMesh,
  rest: Float32Array,
  ranges: readonly PartRange[]
): StrandPart[] | null {
  const byMaterial: (PartRange | undefined)[] = []
  for (const r of ranges) {
    if (!STRANDY.has(r.material) || r.triangleCount === 0) continue
    if (byMaterial[r.material]) return null
    byMaterial[r.material] = r
  }
  const parts: StrandPart[] = []
  for (const m of STRANDY) {
    const r = byMaterial[m]
    if (!r) continue
    let f = r.key === undefined ? undefined : factsByKey.get(r.key)
    if (!f) {
      const tri = mesh.indices.subarray(
        r.firstTriangle * 3,
        (r.firstTriangle + r.triangleCount) * 3
      )
      let lo = Infinity,
        hi = -1
      for (let i = 0; i < tri.length; i++) {
        if (tri[i]! < lo) lo = tri[i]!
        if (tri[i]! > hi) hi = tri[i]!
      }
      const indices = new Uint32Array(tri.length)
      for (let i = 0; i < tri.length; i++) indices[i] = tri[i]! - lo
      const material = new Uint8Array(r.triangleCount).fill(m)
      const key = contentKey(
        subMesh(mesh, rest, lo, hi, indices, material),
        rest.subarray(lo * 3, (hi + 1) * 3)
      )
      f = { lo: lo - r.firstVertex, hi: hi - r.firstVertex, indices, material, key }
      if (r.key !== undefined) {
        if (factsByKey.size >= MAX_PARTS) factsByKey.delete(factsByKey.keys().next().value!)
        factsByKey.set(r.key, f)
      }
    }
    const lo = r.firstVertex + f.lo,
      hi = r.firstVertex + f.hi
    parts.push(part(m, lo, subMesh(mesh, rest, lo, hi, f.indices, f.material), f.key))
  }
  return parts
}

/** Vertices lo..hi of `mesh` (rest positions) with triangles `indices` (from lo), as a mesh of their own. */
function subMesh(
  mesh: HeadMesh,
  rest: Float32Array,
  lo: number,
  hi: number,
  indices: Uint32Array,
  material: Uint8Array
): HeadMesh {
  return {
    positions: rest.subarray(lo * 3, (hi + 1) * 3),
    normals: mesh.normals.subarray(lo * 3, (hi + 1) * 3),
    uvs: mesh.uvs.subarray(lo * 2, (hi + 1) * 2),
    indices,
    material,
    masks: mesh.masks,
    vertexCount: hi - lo + 1,
    triangleCount: material.length,
  }
}

/** A StrandPart of sub-mesh `sub` (vertices from `first`), its topology cached by content key. */
function part(m: number, first: number, sub: HeadMesh, key: string): StrandPart {
  const subRest = sub.positions
  let topo = partCache.get(key)
  if (!topo) {
    topo = computeTopology(sub, subRest)
    if (partCache.size >= MAX_PARTS) partCache.delete(partCache.keys().next().value!)
    partCache.set(key, topo)
  }
  return { material: m, first, topo, key, mesh: sub, rest: subRest }
}

const partsByRest = new WeakMap<Float32Array, { triangles: number; parts: StrandPart[] }>()

/** The strand parts of a mesh by scanning its triangles (exported for tests: the part ranges must agree). */
export function findParts(mesh: HeadMesh, rest: Float32Array): StrandPart[] {
  const parts: StrandPart[] = []
  // One pass for every strand material: triangle count and vertex range.
  const lows = new Float64Array(MATERIAL_SLOTS).fill(Infinity)
  const highs = new Float64Array(MATERIAL_SLOTS).fill(-1)
  const counts = new Int32Array(MATERIAL_SLOTS)
  const { indices: I, material: M } = mesh
  for (let t = 0; t < mesh.triangleCount; t++) {
    const m = M[t]!
    if (!STRANDY.has(m)) continue
    counts[m] = counts[m]! + 1
    for (let k = 0; k < 3; k++) {
      const v = I[t * 3 + k]!
      if (v < lows[m]!) lows[m] = v
      if (v > highs[m]!) highs[m] = v
    }
  }
  for (const m of STRANDY) {
    const n = counts[m]!
    if (!n) continue
    const lo = lows[m]!,
      hi = highs[m]!
    const indices = new Uint32Array(n * 3)
    let j = 0
    for (let t = 0; t < mesh.triangleCount && j < n * 3; t++) {
      if (M[t] !== m) continue
      for (let k = 0; k < 3; k++) indices[j++] = I[t * 3 + k]! - lo
    }
    const sub = subMesh(mesh, rest, lo, hi, indices, new Uint8Array(n).fill(m))
    parts.push(part(m, lo, sub, contentKey(sub, sub.positions)))
  }
  return parts
}

/** The strand topology of `mesh` (rest positions `rest`): its parts' topologies in one set of arrays. */
export function strandTopology(mesh: HeadMesh, rest: Float32Array): StrandTopology {
  const known = rest !== mesh.positions ? topoByRest.get(rest) : undefined
  if (known && known.border.length === mesh.vertexCount) return known
  const parts = strandParts(mesh, rest)
  const key = `${mesh.vertexCount}|${parts.map((p) => `${p.first}:${p.key}`).join('|')}`
  let topo = merged.get(key)
  if (topo) return topo
  topo = {
    border: new Float32Array(mesh.vertexCount).fill(1),
    s: new Float32Array(mesh.vertexCount),
    t: new Float32Array(mesh.vertexCount),
    tuft: new Uint8Array(mesh.vertexCount),
  }
  for (const p of parts) {
    topo.border.set(p.topo.border, p.first)
    topo.s.set(p.topo.s, p.first)
    topo.t.set(p.topo.t, p.first)
    topo.tuft.set(p.topo.tuft, p.first)
  }
  if (merged.size >= MAX_CACHED) merged.delete(merged.keys().next().value!)
  merged.set(key, topo)
  if (rest !== mesh.positions) topoByRest.set(rest, topo)
  return topo
}

/** The topology of a mesh's strand triangles (see the module comment); not cached. */
function computeTopology(mesh: HeadMesh, rest: Float32Array): StrandTopology {
  const V = mesh.vertexCount
  const weld = new Int32Array(V).fill(-1)
  const ids = new Map<number, number>()
  const { indices, material } = mesh
  const tris: number[] = []
  const stripy = new Uint8Array(V)
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (!STRANDY.has(material[t]!)) continue
    tris.push(t)
    if (material[t] === MATERIAL.brow || material[t] === MATERIAL.lash) {
      for (let k = 0; k < 3; k++) stripy[indices[t * 3 + k]!] = material[t]!
    }
    for (let k = 0; k < 3; k++) {
      const v = indices[t * 3 + k]!
      if (weld[v]! >= 0) continue
      // Numeric key: material (4 bits) and position rounded to 0.1 mm (16 bits per axis, +-327 cm): < 2^53.
      const q = (i: number) => (Math.round(rest[v * 3 + i]! * 100) + 32768) & 0xffff
      const key = ((material[t]! * 65536 + q(0)) * 65536 + q(1)) * 65536 + q(2)
      let id = ids.get(key)
      if (id === undefined) ids.set(key, (id = ids.size))
      weld[v] = id
    }
  }
  const n = ids.size
  const edges = new Map<number, number>()
  const parent = new Int32Array(n)
  for (let i = 0; i < n; i++) parent[i] = i
  for (const t of tris) {
    for (let k = 0; k < 3; k++) {
      const a = weld[indices[t * 3 + k]!]!
      const b = weld[indices[t * 3 + ((k + 1) % 3)]!]!
      const e = a < b ? a * n + b : b * n + a
      edges.set(e, (edges.get(e) ?? 0) + 1)
      const ra = find(parent, a)
      const rb = find(parent, b)
      if (ra !== rb) parent[ra] = rb
    }
  }
  const wy = new Float32Array(n)
  for (let v = 0; v < V; v++) if (weld[v]! >= 0) wy[weld[v]!] = rest[v * 3 + 1]!
  const topo: StrandTopology = {
    border: borderHops(edges, n, weld, V, wy),
    s: new Float32Array(V),
    t: new Float32Array(V),
    tuft: new Uint8Array(V),
  }
  stripCoords(topo, weld, parent, rest, stripy)
  tuftCoords(topo, weld, parent, tris, mesh)
  return topo
}

/**
 * Border distance per vertex from the welded edge counts (edges used once are on the border). Only HANGING
 * borders count (the border vertex lies below its neighbours: strand tips); the long sides of hair cards and
 * partings stay roots, or every card would fray along its length. `wy` = rest height per welded vertex.
 */
function borderHops(
  edges: Map<number, number>,
  n: number,
  weld: Int32Array,
  V: number,
  wy: Float32Array
): Float32Array {
  const onBorder = new Uint8Array(n)
  for (const [e, count] of edges) {
    if (count !== 1) continue
    onBorder[Math.floor(e / n)] = 1
    onBorder[e % n] = 1
  }
  // Mean height of each vertex's neighbours minus its own.
  const rise = new Float32Array(n)
  const deg = new Float32Array(n)
  for (const e of edges.keys()) {
    const a = Math.floor(e / n)
    const b = e % n
    rise[a] = rise[a]! + wy[b]! - wy[a]!
    rise[b] = rise[b]! + wy[a]! - wy[b]!
    deg[a] = deg[a]! + 1
    deg[b] = deg[b]! + 1
  }
  const hops = new Float32Array(n).fill(BORDER_HOPS)
  for (let i = 0; i < n; i++) if (onBorder[i] && rise[i]! / (deg[i] || 1) > 0.05) hops[i] = 0
  for (let it = 0; it < BORDER_HOPS; it++) {
    for (const e of edges.keys()) {
      const a = Math.floor(e / n)
      const b = e % n
      const ha = hops[a]!
      const hb = hops[b]!
      if (ha + 1 < hb) hops[b] = ha + 1
      else if (hb + 1 < ha) hops[a] = hb + 1
    }
  }
  const out = new Float32Array(V).fill(1)
  for (let v = 0; v < V; v++) if (weld[v]! >= 0) out[v] = hops[weld[v]!]! / BORDER_HOPS
  return out
}

/** Marks the vertices of loose hair cards (tuft) and gives them card coordinates (s, t from their UVs). */
function tuftCoords(
  topo: StrandTopology,
  weld: Int32Array,
  parent: Int32Array,
  tris: number[],
  mesh: HeadMesh
): void {
  const size = new Int32Array(parent.length)
  for (let w = 0; w < parent.length; w++) {
    const r = find(parent, w)
    size[r] = size[r]! + 1
  }
  // UV rectangle of each small piece (by root), then each vertex's place in it.
  const box = new Map<number, [number, number, number, number]>()
  const { indices, material, uvs } = mesh
  const visit = (each: (v: number, root: number) => void) => {
    for (const t of tris) {
      if (material[t] !== MATERIAL.hair) continue
      for (let k = 0; k < 3; k++) {
        const v = indices[t * 3 + k]!
        const root = find(parent, weld[v]!)
        if (size[root]! <= TUFT_VERTICES) each(v, root)
      }
    }
  }
  visit((v, root) => {
    const u = uvs[v * 2]!,
      w = uvs[v * 2 + 1]!
    const b = box.get(root)
    if (!b) box.set(root, [u, w, u, w])
    else {
      b[0] = Math.min(b[0], u)
      b[1] = Math.min(b[1], w)
      b[2] = Math.max(b[2], u)
      b[3] = Math.max(b[3], w)
    }
  })
  visit((v, root) => {
    const b = box.get(root)!
    topo.tuft[v] = 1
    topo.s[v] = (uvs[v * 2]! - b[0]) / (b[2] - b[0] || 1)
    topo.t[v] = (uvs[v * 2 + 1]! - b[1]) / (b[3] - b[1] || 1)
  })
}

/** Fills s and t per connected piece: s along |x|, t across it (binHeights for brows, lashHeights for lashes). */
function stripCoords(
  topo: StrandTopology,
  weld: Int32Array,
  parent: Int32Array,
  rest: Float32Array,
  stripy: Uint8Array
): void {
  const pieces = new Map<number, number[]>()
  for (let v = 0; v < weld.length; v++) {
    if (weld[v]! < 0 || !stripy[v]) continue
    const root = find(parent, weld[v]!)
    let list = pieces.get(root)
    if (!list) pieces.set(root, (list = []))
    list.push(v)
  }
  const centroids = new Map<number, readonly [number, number, number]>()
  for (const [root, l] of pieces) centroids.set(root, [...centroid(l, rest), stripy[l[0]!]!])
  for (const list of pieces.values()) {
    let lo = Infinity,
      hi = -Infinity
    for (const v of list) {
      const ax = Math.abs(rest[v * 3]!)
      lo = Math.min(lo, ax)
      hi = Math.max(hi, ax)
    }
    const span = hi - lo || 1
    // t = -1 at the root side: a piece above its partner on the same side (upper lashes) roots at its bottom,
    // one below (lower lashes) at its top; a brow (alone on its side) keeps bottom = -1.
    const flip = lowerPiece(find(parent, weld[list[0]!]!), centroids) ? -1 : 1
    const heights =
      stripy[list[0]!] === MATERIAL.lash
        ? lashHeights(list, rest)
        : binHeights(list, rest, lo, span)
    list.forEach((v, i) => {
      topo.s[v] = (Math.abs(rest[v * 3]!) - lo) / span + (flip < 0 ? 2 : 0) // lower rows: s in [2, 3]
      topo.t[v] = flip * heights[i]!
    })
  }
}

/**
 * Heights across a brow strip (-1 bottom .. +1 top): BINS bins along |x| (from `lo`, `span` wide), each bin's
 * centre line the mean height of its vertices (an empty bin takes the previous one's) and its half-thickness their
 * largest distance from it.
 */
function binHeights(list: number[], rest: Float32Array, lo: number, span: number): Float64Array {
  const sum = new Float64Array(BINS)
  const cnt = new Float64Array(BINS)
  const half = new Float64Array(BINS)
  const bins = list.map((v) =>
    Math.min(BINS - 1, Math.floor(((Math.abs(rest[v * 3]!) - lo) / span) * BINS))
  )
  list.forEach((v, i) => {
    const b = bins[i]!
    sum[b] = sum[b]! + rest[v * 3 + 1]!
    cnt[b] = cnt[b]! + 1
  })
  for (let b = 0; b < BINS; b++) sum[b] = cnt[b] ? sum[b]! / cnt[b]! : b > 0 ? sum[b - 1]! : 0
  list.forEach((v, i) => {
    const b = bins[i]!
    half[b] = Math.max(half[b]!, Math.abs(rest[v * 3 + 1]! - sum[b]!))
  })
  return Float64Array.from(
    list,
    (v, i) => (rest[v * 3 + 1]! - sum[bins[i]!]!) / (half[bins[i]!]! || 1)
  )
}

/** Half-width (cm, in |x|) of the window a lash vertex's local centre line is fitted over: wider than a lash's lean
 * (about 0.1) and its columns' spacing (about 0.35-0.4), so every window holds whole columns. */
const LASH_WINDOW = 0.5

/**
 * Heights across a lash strip (-1 bottom .. +1 top), from a centre line fitted locally: a weighted line y(|x|)
 * over the vertices within LASH_WINDOW of each one, and the strip's extent as the lowest and highest of their
 * distances from their own lines within the same window. Why not the bins: a lash column leans, so a bin edge
 * could split it, and a bin holding only a column's upper vertices called them its bottom: the solid lash line was
 * drawn across the lashes' upper part, a black triangle over the iris (session 47).
 */
function lashHeights(list: number[], rest: Float32Array): Float64Array {
  const n = list.length
  const ax = list.map((v) => Math.abs(rest[v * 3]!))
  const ys = list.map((v) => rest[v * 3 + 1]!)
  const off = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sw = 0,
      sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0
    for (let j = 0; j < n; j++) {
      const w = 1 - Math.abs(ax[j]! - ax[i]!) / LASH_WINDOW
      if (w <= 0) continue
      sw += w
      sx += w * ax[j]!
      sy += w * ys[j]!
      sxx += w * ax[j]! * ax[j]!
      sxy += w * ax[j]! * ys[j]!
    }
    const mx = sx / sw,
      my = sy / sw
    const vx = sxx / sw - mx * mx
    const slope = vx > 1e-9 ? (sxy / sw - mx * my) / vx : 0
    off[i] = ys[i]! - (my + slope * (ax[i]! - mx))
  }
  const t = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let lo = Infinity,
      hi = -Infinity
    for (let j = 0; j < n; j++)
      if (Math.abs(ax[j]! - ax[i]!) < LASH_WINDOW) {
        lo = Math.min(lo, off[j]!)
        hi = Math.max(hi, off[j]!)
      }
    t[i] = hi > lo ? (2 * (off[i]! - lo)) / (hi - lo) - 1 : 0
  }
  return t
}

/** Mean (x, y) of a piece's vertices. */
function centroid(l: number[], rest: Float32Array): readonly [number, number] {
  let x = 0,
    y = 0
  for (const v of l) {
    x += rest[v * 3]!
    y += rest[v * 3 + 1]!
  }
  return [x / l.length, y / l.length]
}

/** Is this piece below another piece of its material on the same side (x sign) near it (a lower lash row)? */
function lowerPiece(
  self: number,
  centroids: Map<number, readonly [number, number, number]>
): boolean {
  const [mx, my, mm] = centroids.get(self)!
  for (const [root, [ox, oy, om]] of centroids) {
    if (root === self || om !== mm) continue
    if (Math.sign(ox) === Math.sign(mx) && Math.abs(ox - mx) < 1 && oy > my && oy - my < 2)
      return true
  }
  return false
}
