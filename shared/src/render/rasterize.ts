/**
 * @module render/rasterize — tinyrenderer-style triangle rasterization with a programmable Shader.
 * Half-space edge functions over the clipped bounding box, pixel centres at +0.5, a less-than z-buffer,
 * perspective-correct barycentrics handed to the fragment stage, and back-face culling (counter-clockwise
 * triangles, as seen by the camera, are front faces).
 */
import type { Mat4 } from '../math/mat4.ts'
import type { RenderTarget } from './target.ts'

/**
 * A shader program. `vertex` writes the clip-space position (x, y, z, w) of `corner` (0-2) of `face` into `clip`
 * and stores whatever varyings it needs; `fragment` gets perspective-correct barycentrics (b0, b1, b2, summing to
 * 1) and writes LINEAR RGB into `color[0..2]` and coverage into `color[3]`, or returns false to discard.
 */
export interface Shader {
  vertex(face: number, corner: number, clip: Float32Array): void
  /**
   * Shades one sample into `color` (LINEAR RGB, coverage); false discards it. The rasterizer passes 6 floats: when
   * the target has an aux buffer, `color[4]`, `color[5]` are reset to 0 first and go to it with the colour.
   */
  fragment(bary: Float32Array, color: Float32Array): boolean
}

/**
 * A Shader whose corners are its vertices' clip positions, projected once per draw (projectVertices): `clip4`
 * holds every vertex's clip position (x, y, z, w); `bind(face)` sets triangle `face` up for fragment() exactly as
 * vertex() would, and returns false for a triangle whose corners are not its vertices' positions (draw that one
 * with rasterize()).
 */
export interface IndexedShader extends Shader {
  readonly clip4: Float32Array
  bind(face: number): boolean
  /**
   * Optional: true when the bound triangle's fragment() never discards and depends only on the bound face and
   * the barycentrics (an opaque material). Such triangles may be shaded DEFERRED (see rasterizeDeferred): only
   * the samples that stay visible are shaded, with exactly the barycentrics the immediate path would pass.
   */
  opaque?(face: number): boolean
  /**
   * Optional: for the triangles bind() declines (drawn per triangle with rasterize), fragment()'s discard decision
   * alone, when their fragments otherwise depend only on the face (as bind() sets it up) and the barycentrics. Such
   * triangles may be drawn with coverage deferred (rasterize's `deferCovered`): only the samples they finally win
   * are shaded.
   */
  covers?(bary: Float32Array): boolean
  /**
   * Optional, with `opaque`: how the triangles of each material id (the mesh's per-triangle material) are drawn,
   * exactly as bind() and opaque() would say: DRAW_PER_TRIANGLE (bind() returns false), DRAW_DEFERRED (bind()
   * true and opaque()), DRAW_BOUND (bind() true, not opaque), DRAW_NONE (fragment() always discards: nothing to
   * draw). A draw loop then need not bind the deferred
   * triangles (shadeDeferred binds each survivor's face), so a shader doing per-vertex work on binding does it
   * only for the vertices of triangles that are drawn at once or stay visible.
   */
  readonly drawPaths?: Uint8Array
}

/** See IndexedShader.drawPaths. */
export const DRAW_PER_TRIANGLE = 0
export const DRAW_DEFERRED = 1
export const DRAW_BOUND = 2
/** See IndexedShader.drawPaths: the material's fragments always discard, so its triangles need not be drawn. */
export const DRAW_NONE = 3

// Scratch state: rasterize() allocates nothing per call.
const clip = new Float32Array(4)
const sx = new Float64Array(3)
const sy = new Float64Array(3)
const sz = new Float64Array(3)
const invW = new Float64Array(3)
const bary = new Float32Array(3)
/** A fragment's output: colour (4) and the two aux channels (RenderTarget.aux). */
const frag = new Float32Array(6)

/**
 * Draws triangle `face` of the shader's mesh into `target`. `screen` is the viewport matrix (NDC -> pixels, see
 * mat4.viewport). Triangles with a corner behind the camera (w <= 1e-6) are skipped: the engine's scenes never
 * cross the near plane, so no clipping is needed. Returns the number of pixels written.
 */
export function rasterize(
  face: number,
  shader: Shader,
  target: RenderTarget,
  screen: Mat4,
  /** With deferred opaque triangles in flight (rasterizeDeferred): samples this draw writes stop being deferred. */
  vis: VisibilityBuffer | null = null,
  /**
   * With `vis` and an IndexedShader with covers(): the fragments that pass the depth test and covers() are
   * recorded in `vis` (face and barycentrics) for shadeDeferred, as rasterizeDeferred does, instead of shaded now.
   */
  deferCovered = false
): number {
  for (let k = 0; k < 3; k++) {
    shader.vertex(face, k, clip)
    const w = clip[3]!
    if (!(w > 1e-6)) return 0 // behind the camera (or NaN)
    const iw = 1 / w
    const nx = clip[0]! * iw
    const ny = clip[1]! * iw
    sx[k] = screen[0]! * nx + screen[12]! // viewport (no rotation terms)
    sy[k] = screen[5]! * ny + screen[13]!
    sz[k] = screen[10]! * clip[2]! * iw + screen[14]!
    invW[k] = iw
  }
  if (deferCovered && vis) return fillCovered(shader as IndexedShader, target, vis, face)
  return fill(shader, target, sx, sy, sz, invW, 0, 1, 2, vis)
}

/** Pixels of slack each side of a row span (see "Row spans" below). */
const SPAN_MARGIN = 0.01
/**
 * Boxes at most this many pixels wide test every pixel of a row instead of narrowing it (a row span): most of a
 * head's triangles cover a few pixels, where a row's span costs more than the pixels it would skip. The
 * per-pixel test decides every pixel either way (the same bytes).
 */
const SPAN_MIN_WIDTH = 6
/** The same for the deferred-coverage fill (hair cards: long thin triangles, where narrowing pays from 3 px). */
const CARD_SPAN_MIN_WIDTH = 2

/*
 * Row spans (written out in each pixel loop: a call per row cost more than its arithmetic): row cy's pixel range
 * [minX, maxX] is narrowed to where the three edge functions (l0 = a0 x + b0 cy + c0, l1 the same, l2 = 1 - l0 -
 * l1) can all be >= 0, widened by SPAN_MARGIN each side so rounding can never drop a pixel the per-pixel test
 * would accept (the test still decides every pixel: the same bytes, fewer pixels tested on the long thin
 * triangles of hair cards). Near-horizontal edges (|a| <= 1e-9) do not narrow it. Pixel px has centre px + 0.5.
 * The crossing of edge k is taken as s_k cy + o_k (s_k = -b_k / a_k, o_k = -c_k / a_k, set up once per triangle):
 * a few ulps from -(b_k cy + c_k) / a_k, i.e. under ~1e-6 px even for |a_k| near 1e-9 on a 2048 px target, far
 * inside the margin. rasterize.test.ts checks thousands of slivers against a bounding-box reference.
 */

/**
 * Rasterizes one triangle whose corners are already in screen space: corner k at index `k` of the arrays. The
 * one pixel loop of both entry points (same arithmetic, so the same bytes whichever projected the corners).
 * The set-up (back faces, degenerate/NaN and off-target triangles rejected; edge functions e_k for the edge
 * opposite corner k, normalised so they are barycentrics; window z and 1/w per corner; the pixel bounding box
 * clipped to the target) is written out in locals here and in rasterizeDeferred with the very same arithmetic,
 * so both cover and z-test alike (deferred shading must give fill()'s bytes).
 */
function fill(
  shader: Shader,
  target: RenderTarget,
  sx: Float64Array,
  sy: Float64Array,
  sz: Float64Array,
  invW: Float64Array,
  k0: number,
  k1: number,
  k2: number,
  vis: VisibilityBuffer | null
): number {
  const x0 = sx[k0]!,
    y0 = sy[k0]!,
    x1 = sx[k1]!,
    y1 = sy[k1]!,
    x2 = sx[k2]!,
    y2 = sy[k2]!
  const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0) // < 0: counter-clockwise on screen (y down)
  if (!(area < 0)) return 0 // back face, degenerate or NaN
  const { color, depth, width, height } = target
  const aux = target.aux ?? null
  // Bounding box, clipped to the target (doubles: an off-screen corner far away must not wrap into range).
  const bx0 = Math.max(0, Math.ceil(Math.min(x0, x1, x2) - 0.5))
  const bx1 = Math.min(width - 1, Math.floor(Math.max(x0, x1, x2) - 0.5))
  const by0 = Math.max(0, Math.ceil(Math.min(y0, y1, y2) - 0.5))
  const by1 = Math.min(height - 1, Math.floor(Math.max(y0, y1, y2) - 0.5))
  if (bx0 > bx1 || by0 > by1) return 0
  // Inside the target now: int32 pixel bounds (loop counters and indices stay small integers).
  const minX = bx0 | 0,
    maxX = bx1 | 0,
    minY = by0 | 0,
    maxY = by1 | 0
  const inv = 1 / area
  const a0 = (y1 - y2) * inv,
    b0 = (x2 - x1) * inv,
    c0 = (x1 * y2 - x2 * y1) * inv,
    a1 = (y2 - y0) * inv,
    b1 = (x0 - x2) * inv,
    c1 = (x2 * y0 - x0 * y2) * inv
  const z0 = sz[k0]!,
    z1 = sz[k1]!,
    z2 = sz[k2]!,
    w0 = invW[k0]!,
    w1 = invW[k1]!,
    w2 = invW[k2]!
  const spans = maxX - minX >= SPAN_MIN_WIDTH
  // Row-span lines (see "Row spans"): edge k crosses zero at x = s_k y + o_k; e_k: +1 it bounds x from below,
  // -1 from above, 0 near-horizontal (no bound). Set up only for boxes wide enough to narrow.
  let e0 = 0,
    e1 = 0,
    e2 = 0,
    s0 = 0,
    o0 = 0,
    s1 = 0,
    o1 = 0,
    s2 = 0,
    o2 = 0
  if (spans) {
    const a2 = -(a0 + a1)
    e0 = a0 > 1e-9 ? 1 : a0 < -1e-9 ? -1 : 0
    e1 = a1 > 1e-9 ? 1 : a1 < -1e-9 ? -1 : 0
    e2 = a2 > 1e-9 ? 1 : a2 < -1e-9 ? -1 : 0
    s0 = -b0 / a0
    o0 = -c0 / a0
    s1 = -b1 / a1
    o1 = -c1 / a1
    s2 = (b0 + b1) / a2
    o2 = -(1 - (c0 + c1)) / a2
  }
  let written = 0
  for (let py = minY; py <= maxY; py++) {
    const cy = py + 0.5
    let xa = minX,
      xb = maxX
    if (spans) {
      // The row span (see "Row spans").
      let lo = -Infinity
      let hi = Infinity
      if (e0 !== 0) {
        const x = s0 * cy + o0
        if (e0 > 0) lo = x
        else hi = x
      }
      if (e1 !== 0) {
        const x = s1 * cy + o1
        if (e1 > 0) {
          if (x > lo) lo = x
        } else if (x < hi) hi = x
      }
      if (e2 !== 0) {
        const x = s2 * cy + o2
        if (e2 > 0) {
          if (x > lo) lo = x
        } else if (x < hi) hi = x
      }
      // Clamped into [minX, maxX + 1] / [minX - 1, maxX] before the int32 conversion (an empty row stays empty).
      if (lo !== -Infinity) {
        const v = Math.ceil(lo - 0.5 - SPAN_MARGIN)
        if (v > minX) xa = v > maxX ? maxX + 1 : v | 0
      }
      if (hi !== Infinity) {
        const v = Math.floor(hi - 0.5 + SPAN_MARGIN)
        if (v < maxX) xb = v < minX ? minX - 1 : v | 0
      }
    }
    for (let px = xa; px <= xb; px++) {
      const cx = px + 0.5
      const l0 = a0 * cx + b0 * cy + c0 // screen-space barycentrics
      const l1 = a1 * cx + b1 * cy + c1
      const l2 = 1 - l0 - l1
      if (l0 < 0 || l1 < 0 || l2 < 0) continue // outside the triangle
      const z = l0 * z0 + l1 * z1 + l2 * z2 // window z is affine in screen space
      const i = px + py * width
      if (!(z < depth[i]!) || z < 0) continue // z-test (and near plane)
      const p0 = l0 * w0,
        p1 = l1 * w1,
        p2 = l2 * w2 // perspective correction
      const ps = 1 / (p0 + p1 + p2)
      bary[0] = p0 * ps
      bary[1] = p1 * ps
      bary[2] = p2 * ps
      if (aux !== null) frag[4] = frag[5] = 0
      if (!shader.fragment(bary, frag)) continue // discarded
      depth[i] = z
      if (vis) vis.face[i] = -1 // this fragment, not a deferred one, is the sample's last writer
      const o = i * 4
      color[o] = frag[0]!
      color[o + 1] = frag[1]!
      color[o + 2] = frag[2]!
      color[o + 3] = frag[3]!
      if (aux !== null) {
        aux[i * 2] = frag[4]!
        aux[i * 2 + 1] = frag[5]!
      }
      written++
    }
  }
  return written
}

/**
 * fill() with coverage deferred (rasterize's deferCovered) for the triangle whose corners rasterize() projected
 * into sx..invW [0..2]: the same set-up and pixel arithmetic, but each fragment that passes the depth test and
 * covers() is recorded in `vis` (face and float32 barycentrics, as rasterizeDeferred does) for shadeDeferred.
 */
function fillCovered(
  shader: IndexedShader,
  target: RenderTarget,
  vis: VisibilityBuffer,
  face: number
): number {
  const x0 = sx[0]!,
    y0 = sy[0]!,
    x1 = sx[1]!,
    y1 = sy[1]!,
    x2 = sx[2]!,
    y2 = sy[2]!
  const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
  if (!(area < 0)) return 0
  const { depth, width, height } = target
  const bx0 = Math.max(0, Math.ceil(Math.min(x0, x1, x2) - 0.5))
  const bx1 = Math.min(width - 1, Math.floor(Math.max(x0, x1, x2) - 0.5))
  const by0 = Math.max(0, Math.ceil(Math.min(y0, y1, y2) - 0.5))
  const by1 = Math.min(height - 1, Math.floor(Math.max(y0, y1, y2) - 0.5))
  if (bx0 > bx1 || by0 > by1) return 0
  // Inside the target now: int32 pixel bounds (loop counters and indices stay small integers).
  const minX = bx0 | 0,
    maxX = bx1 | 0,
    minY = by0 | 0,
    maxY = by1 | 0
  const inv = 1 / area
  const a0 = (y1 - y2) * inv,
    b0 = (x2 - x1) * inv,
    c0 = (x1 * y2 - x2 * y1) * inv,
    a1 = (y2 - y0) * inv,
    b1 = (x0 - x2) * inv,
    c1 = (x2 * y0 - x0 * y2) * inv
  const z0 = sz[0]!,
    z1 = sz[1]!,
    z2 = sz[2]!,
    w0 = invW[0]!,
    w1 = invW[1]!,
    w2 = invW[2]!
  const F = vis.face
  const B = vis.bary
  const spans = maxX - minX >= CARD_SPAN_MIN_WIDTH
  // Row-span lines (see "Row spans"): edge k crosses zero at x = s_k y + o_k; e_k: +1 it bounds x from below,
  // -1 from above, 0 near-horizontal (no bound). Set up only for boxes wide enough to narrow.
  let e0 = 0,
    e1 = 0,
    e2 = 0,
    s0 = 0,
    o0 = 0,
    s1 = 0,
    o1 = 0,
    s2 = 0,
    o2 = 0
  if (spans) {
    const a2 = -(a0 + a1)
    e0 = a0 > 1e-9 ? 1 : a0 < -1e-9 ? -1 : 0
    e1 = a1 > 1e-9 ? 1 : a1 < -1e-9 ? -1 : 0
    e2 = a2 > 1e-9 ? 1 : a2 < -1e-9 ? -1 : 0
    s0 = -b0 / a0
    o0 = -c0 / a0
    s1 = -b1 / a1
    o1 = -c1 / a1
    s2 = (b0 + b1) / a2
    o2 = -(1 - (c0 + c1)) / a2
  }
  let written = 0
  for (let py = minY; py <= maxY; py++) {
    const cy = py + 0.5
    let xa = minX,
      xb = maxX
    if (spans) {
      // The row span (see "Row spans").
      let lo = -Infinity
      let hi = Infinity
      if (e0 !== 0) {
        const x = s0 * cy + o0
        if (e0 > 0) lo = x
        else hi = x
      }
      if (e1 !== 0) {
        const x = s1 * cy + o1
        if (e1 > 0) {
          if (x > lo) lo = x
        } else if (x < hi) hi = x
      }
      if (e2 !== 0) {
        const x = s2 * cy + o2
        if (e2 > 0) {
          if (x > lo) lo = x
        } else if (x < hi) hi = x
      }
      // Clamped into [minX, maxX + 1] / [minX - 1, maxX] before the int32 conversion (an empty row stays empty).
      if (lo !== -Infinity) {
        const v = Math.ceil(lo - 0.5 - SPAN_MARGIN)
        if (v > minX) xa = v > maxX ? maxX + 1 : v | 0
      }
      if (hi !== Infinity) {
        const v = Math.floor(hi - 0.5 + SPAN_MARGIN)
        if (v < maxX) xb = v < minX ? minX - 1 : v | 0
      }
    }
    for (let px = xa; px <= xb; px++) {
      const cx = px + 0.5
      const l0 = a0 * cx + b0 * cy + c0
      const l1 = a1 * cx + b1 * cy + c1
      const l2 = 1 - l0 - l1
      if (l0 < 0 || l1 < 0 || l2 < 0) continue
      const z = l0 * z0 + l1 * z1 + l2 * z2
      const i = px + py * width
      if (!(z < depth[i]!) || z < 0) continue
      const p0 = l0 * w0,
        p1 = l1 * w1,
        p2 = l2 * w2
      const ps = 1 / (p0 + p1 + p2)
      bary[0] = p0 * ps
      bary[1] = p1 * ps
      bary[2] = p2 * ps
      // Coverage now, colour later (shadeDeferred), with the same float32 barycentrics.
      if (!shader.covers!(bary)) continue
      depth[i] = z
      F[i] = face
      B[i * 3] = bary[0]!
      B[i * 3 + 1] = bary[1]!
      B[i * 3 + 2] = bary[2]!
      written++
    }
  }
  return written
}

/** Screen-space corners of a whole mesh, projected once per vertex (see projectVertices). */
export interface ProjectedVertices {
  sx: Float64Array
  sy: Float64Array
  sz: Float64Array
  invW: Float64Array
  /** 1 where the vertex is in front of the camera (w > 1e-6), else 0. */
  front: Uint8Array
}

/** Empty buffers for projectVertices (they grow on use). */
export function createProjected(): ProjectedVertices {
  return {
    sx: new Float64Array(0),
    sy: new Float64Array(0),
    sz: new Float64Array(0),
    invW: new Float64Array(0),
    front: new Uint8Array(0),
  }
}

/**
 * Projects `count` clip-space vertices (x, y, z, w each) to screen space with the viewport matrix `screen`, into
 * `out` (grown as needed), with exactly the arithmetic rasterize() applies to each corner.
 */
export function projectVertices(
  clip4: Float32Array,
  count: number,
  screen: Mat4,
  out: ProjectedVertices
): ProjectedVertices {
  if (out.sx.length < count) {
    out.sx = new Float64Array(count)
    out.sy = new Float64Array(count)
    out.sz = new Float64Array(count)
    out.invW = new Float64Array(count)
    out.front = new Uint8Array(count)
  }
  const { sx: X, sy: Y, sz: Z, invW: IW, front } = out
  for (let v = 0; v < count; v++) {
    const w = clip4[v * 4 + 3]!
    if (!(w > 1e-6)) {
      front[v] = 0
      continue
    }
    front[v] = 1
    const iw = 1 / w
    const nx = clip4[v * 4]! * iw
    const ny = clip4[v * 4 + 1]! * iw
    X[v] = screen[0]! * nx + screen[12]!
    Y[v] = screen[5]! * ny + screen[13]!
    Z[v] = screen[10]! * clip4[v * 4 + 2]! * iw + screen[14]!
    IW[v] = iw
  }
  return out
}

/**
 * Draws the triangle with corners `i0`, `i1`, `i2` of projected vertices into `target`; the shader must already
 * be set up for this triangle (its fragment stage is called as by rasterize()). Same result as rasterize() on
 * the same clip positions; skipped (0) when a corner is behind the camera. Returns the number of pixels written.
 */
export function rasterizeProjected(
  shader: Shader,
  target: RenderTarget,
  p: ProjectedVertices,
  i0: number,
  i1: number,
  i2: number,
  vis: VisibilityBuffer | null = null
): number {
  if (!p.front[i0] || !p.front[i1] || !p.front[i2]) return 0
  return fill(shader, target, p.sx, p.sy, p.sz, p.invW, i0, i1, i2, vis)
}

/**
 * A visibility buffer for deferred shading of opaque triangles: per sample, the face that last wrote it (-1: none,
 * or a fragment already shaded) and its perspective-correct barycentrics (as fill() computed them).
 */
export interface VisibilityBuffer {
  face: Int32Array
  bary: Float32Array
}

/** A visibility buffer for `samples` samples (reuse it; resetVisibility before each draw). */
export function createVisibility(samples: number): VisibilityBuffer {
  return { face: new Int32Array(samples).fill(-1), bary: new Float32Array(samples * 3) }
}

/** Marks every sample of `vis` as not deferred. */
export function resetVisibility(vis: VisibilityBuffer): VisibilityBuffer {
  vis.face.fill(-1)
  return vis
}

/**
 * Depth pass of an opaque triangle (projected corners `i0..i2`, face `face`): the same coverage and z-test
 * arithmetic as fill(), but instead of shading, each sample that passes records the face and its barycentrics
 * in `vis` (shadeDeferred shades the survivors later). The final image is the same as drawing with fill() in
 * the same order, since fill()'s colour is the last z-test winner's fragment and an opaque fragment depends only
 * on (face, barycentrics). Returns the number of samples that passed.
 */
export function rasterizeDeferred(
  target: RenderTarget,
  p: ProjectedVertices,
  face: number,
  i0: number,
  i1: number,
  i2: number,
  vis: VisibilityBuffer
): number {
  one[0] = i0
  one[1] = i1
  one[2] = i2
  return deferRun(target, p, one, face, face + 1, vis, -face)
}
const one = new Uint32Array(3)

/**
 * rasterizeDeferred for every triangle `t` in [t0, t1) of an index array (corners indices[3t..3t+2], face t), in
 * order: one call for a run of opaque triangles (most of a head's ~30k triangles cover a few samples each,
 * where a call per triangle costs as much as its pixels). Returns the number of samples that passed.
 */
export function rasterizeDeferredRun(
  target: RenderTarget,
  p: ProjectedVertices,
  indices: Uint32Array,
  t0: number,
  t1: number,
  vis: VisibilityBuffer
): number {
  return deferRun(target, p, indices, t0, t1, vis, 0)
}

/**
 * Whether triangles [t0, t1) of an index array would all fail the depth test where they stand now: every
 * sample of the pixel box around their projected corners already holds a depth nearer than their nearest corner
 * (less a margin for rounding: a fragment's window z, an affine mix of its corners', never comes out below their
 * minimum by more than ~1e-15). Drawing them would then change nothing (the mouth's inside behind closed lips),
 * so they may be skipped: the same bytes. False when a corner is behind the camera or not a number.
 * `grow` (samples) and `zMargin` (window z) widen the test for triangles drawn larger than their corners (hair
 * cards inflated per triangle): the box grows by `grow` on each side and the depth limit moves nearer by `zMargin`.
 */
export function runOccluded(
  target: RenderTarget,
  p: ProjectedVertices,
  indices: Uint32Array,
  t0: number,
  t1: number,
  grow = 0,
  zMargin = OCCLUSION_MARGIN
): boolean {
  const { sx, sy, sz, front } = p
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity,
    minZ = Infinity
  for (let k = t0 * 3; k < t1 * 3; k++) {
    const v = indices[k]!
    if (!front[v]) return false
    const x = sx[v]!,
      y = sy[v]!,
      z = sz[v]!
    if (!(x === x && y === y && z === z)) return false // NaN
    if (x < minX) minX = x
    if (x > maxX) maxX = x
    if (y < minY) minY = y
    if (y > maxY) maxY = y
    if (z < minZ) minZ = z
  }
  // Every triangle's pixel box (fill's) lies inside this one.
  const { depth, width, height } = target
  const x0 = Math.max(0, Math.ceil(minX - grow - 0.5)),
    x1 = Math.min(width - 1, Math.floor(maxX + grow - 0.5)),
    y0 = Math.max(0, Math.ceil(minY - grow - 0.5)),
    y1 = Math.min(height - 1, Math.floor(maxY + grow - 0.5))
  if (x0 > x1 || y0 > y1) return true // no pixel centre inside: nothing would be drawn
  const limit = minZ - zMargin
  // Int32 bounds (inside the target now) for the scan.
  const ix0 = x0 | 0,
    ix1 = x1 | 0,
    iy0 = y0 | 0,
    iy1 = y1 | 0
  for (let py = iy0; py <= iy1; py++)
    for (let i = ix0 + py * width, e = ix1 + py * width; i <= e; i++)
      if (!(depth[i]! < limit)) return false
  return true
}
/** Window-z margin of runOccluded (depth is float32, ~6e-8 apart near 1; rounding of z is ~1e-15). */
const OCCLUSION_MARGIN = 1e-6

/** The depth pass of rasterizeDeferred(Run): triangle t's corners at indices[(t + base) * 3 ..]. */
function deferRun(
  target: RenderTarget,
  p: ProjectedVertices,
  indices: Uint32Array,
  t0: number,
  t1: number,
  vis: VisibilityBuffer,
  base: number
): number {
  const front = p.front
  const sx = p.sx,
    sy = p.sy,
    sz = p.sz,
    invW = p.invW
  const { depth, width, height } = target
  const F = vis.face
  const B = vis.bary
  let written = 0
  for (let face = t0; face < t1; face++) {
    const o3 = (face + base) * 3
    const i0 = indices[o3]!,
      i1 = indices[o3 + 1]!,
      i2 = indices[o3 + 2]!
    if (!front[i0] || !front[i1] || !front[i2]) continue
    // fill()'s set-up, the same arithmetic (see fill).
    const x0 = sx[i0]!,
      y0 = sy[i0]!,
      x1 = sx[i1]!,
      y1 = sy[i1]!,
      x2 = sx[i2]!,
      y2 = sy[i2]!
    const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    if (!(area < 0)) continue
    const bx0 = Math.max(0, Math.ceil(Math.min(x0, x1, x2) - 0.5))
    const bx1 = Math.min(width - 1, Math.floor(Math.max(x0, x1, x2) - 0.5))
    const by0 = Math.max(0, Math.ceil(Math.min(y0, y1, y2) - 0.5))
    const by1 = Math.min(height - 1, Math.floor(Math.max(y0, y1, y2) - 0.5))
    if (bx0 > bx1 || by0 > by1) continue
    const minX = bx0 | 0,
      maxX = bx1 | 0,
      minY = by0 | 0,
      maxY = by1 | 0
    const inv = 1 / area
    const a0 = (y1 - y2) * inv,
      b0 = (x2 - x1) * inv,
      c0 = (x1 * y2 - x2 * y1) * inv,
      a1 = (y2 - y0) * inv,
      b1 = (x0 - x2) * inv,
      c1 = (x2 * y0 - x0 * y2) * inv
    const z0 = sz[i0]!,
      z1 = sz[i1]!,
      z2 = sz[i2]!,
      w0 = invW[i0]!,
      w1 = invW[i1]!,
      w2 = invW[i2]!
    const spans = maxX - minX >= SPAN_MIN_WIDTH
    // Row-span lines (see "Row spans"): edge k crosses zero at x = s_k y + o_k; e_k: +1 it bounds x from below,
    // -1 from above, 0 near-horizontal (no bound). Set up only for boxes wide enough to narrow.
    let e0 = 0,
      e1 = 0,
      e2 = 0,
      s0 = 0,
      o0 = 0,
      s1 = 0,
      o1 = 0,
      s2 = 0,
      o2 = 0
    if (spans) {
      const a2 = -(a0 + a1)
      e0 = a0 > 1e-9 ? 1 : a0 < -1e-9 ? -1 : 0
      e1 = a1 > 1e-9 ? 1 : a1 < -1e-9 ? -1 : 0
      e2 = a2 > 1e-9 ? 1 : a2 < -1e-9 ? -1 : 0
      s0 = -b0 / a0
      o0 = -c0 / a0
      s1 = -b1 / a1
      o1 = -c1 / a1
      s2 = (b0 + b1) / a2
      o2 = -(1 - (c0 + c1)) / a2
    }
    for (let py = minY; py <= maxY; py++) {
      const cy = py + 0.5
      let xa = minX,
        xb = maxX
      if (spans) {
        // The row span (see "Row spans").
        let lo = -Infinity
        let hi = Infinity
        if (e0 !== 0) {
          const x = s0 * cy + o0
          if (e0 > 0) lo = x
          else hi = x
        }
        if (e1 !== 0) {
          const x = s1 * cy + o1
          if (e1 > 0) {
            if (x > lo) lo = x
          } else if (x < hi) hi = x
        }
        if (e2 !== 0) {
          const x = s2 * cy + o2
          if (e2 > 0) {
            if (x > lo) lo = x
          } else if (x < hi) hi = x
        }
        // Clamped into [minX, maxX + 1] / [minX - 1, maxX] before the int32 conversion (an empty row stays empty).
        if (lo !== -Infinity) {
          const v = Math.ceil(lo - 0.5 - SPAN_MARGIN)
          if (v > minX) xa = v > maxX ? maxX + 1 : v | 0
        }
        if (hi !== Infinity) {
          const v = Math.floor(hi - 0.5 + SPAN_MARGIN)
          if (v < maxX) xb = v < minX ? minX - 1 : v | 0
        }
      }
      for (let px = xa; px <= xb; px++) {
        const cx = px + 0.5
        const l0 = a0 * cx + b0 * cy + c0
        const l1 = a1 * cx + b1 * cy + c1
        const l2 = 1 - l0 - l1
        if (l0 < 0 || l1 < 0 || l2 < 0) continue
        const z = l0 * z0 + l1 * z1 + l2 * z2
        const i = px + py * width
        if (!(z < depth[i]!) || z < 0) continue
        const q0 = l0 * w0,
          q1 = l1 * w1,
          q2 = l2 * w2
        const ps = 1 / (q0 + q1 + q2)
        // Rounded to float32 exactly as fill() stores them in its Float32Array.
        B[i * 3] = q0 * ps
        B[i * 3 + 1] = q1 * ps
        B[i * 3 + 2] = q2 * ps
        depth[i] = z
        F[i] = face
        written++
      }
    }
  }
  return written
}

/**
 * Shades the deferred samples of `vis` (faces >= 0) with `shader` (bound per face) into `target`'s colour, and
 * marks them done. Immediate draws interleaved with deferred ones must be given the same `vis` (rasterize,
 * rasterizeProjected), so a sample they write after a deferred triangle is not shaded again: the last writer wins,
 * as in immediate drawing.
 */
export function shadeDeferred(
  shader: IndexedShader,
  target: RenderTarget,
  vis: VisibilityBuffer
): void {
  const F = vis.face
  const B = vis.bary
  const color = target.color
  const aux = target.aux ?? null
  let bound = -1
  for (let i = 0; i < F.length; i++) {
    const f = F[i]!
    if (f < 0) continue
    if (f !== bound) {
      shader.bind(f)
      bound = f
    }
    bary[0] = B[i * 3]!
    bary[1] = B[i * 3 + 1]!
    bary[2] = B[i * 3 + 2]!
    F[i] = -1
    if (aux !== null) frag[4] = frag[5] = 0
    if (!shader.fragment(bary, frag)) continue // an opaque shader never discards; kept for safety
    const o = i * 4
    color[o] = frag[0]!
    color[o + 1] = frag[1]!
    color[o + 2] = frag[2]!
    color[o + 3] = frag[3]!
    if (aux !== null) {
      aux[i * 2] = frag[4]!
      aux[i * 2 + 1] = frag[5]!
    }
  }
}

/**
 * shadeDeferred shading once per face per 2x2 block of samples (multisampling's rate: with 2x2 supersampling a
 * block is one output pixel): the samples of a block that one face won get the colour of that face at their mean
 * barycentrics (where that colour discards, as at an alpha-tested card's edge, each sample is shaded on its own).
 * Linear varyings give the same mean colour; texture reads are taken once, at the face's share of the block,
 * instead of up to four times: not the bytes of shadeDeferred (engine v2 uses it only for its level of detail).
 */
export function shadeDeferredQuads(
  shader: IndexedShader,
  target: RenderTarget,
  vis: VisibilityBuffer
): void {
  const F = vis.face
  const B = vis.bary
  const color = target.color
  const aux = target.aux ?? null
  const W = target.width
  let bound = -1
  for (let by = 0; by + 1 < target.height; by += 2)
    for (let bx = 0; bx + 1 < W; bx += 2) {
      const s0 = bx + by * W
      for (let k = 0; k < 4; k++) {
        const i = s0 + (k & 1) + (k >> 1) * W
        const f = F[i]!
        if (f < 0) continue
        // This sample and the later samples of the block that the same face won.
        let b0 = 0,
          b1 = 0,
          b2 = 0,
          n = 0
        for (let j = k; j < 4; j++) {
          const s = s0 + (j & 1) + (j >> 1) * W
          if (F[s] !== f) continue
          b0 += B[s * 3]!
          b1 += B[s * 3 + 1]!
          b2 += B[s * 3 + 2]!
          n++
        }
        if (f !== bound) {
          shader.bind(f)
          bound = f
        }
        bary[0] = b0 / n
        bary[1] = b1 / n
        bary[2] = b2 / n
        // Where the mean discards (an alpha-tested card's edge), each sample is shaded on its own.
        if (aux !== null) frag[4] = frag[5] = 0
        const once = n > 1 && shader.fragment(bary, frag)
        for (let j = k; j < 4; j++) {
          const s = s0 + (j & 1) + (j >> 1) * W
          if (F[s] !== f) continue
          F[s] = -1
          if (!once) {
            bary[0] = B[s * 3]!
            bary[1] = B[s * 3 + 1]!
            bary[2] = B[s * 3 + 2]!
            if (aux !== null) frag[4] = frag[5] = 0
            if (!shader.fragment(bary, frag)) continue
          }
          const o = s * 4
          color[o] = frag[0]!
          color[o + 1] = frag[1]!
          color[o + 2] = frag[2]!
          color[o + 3] = frag[3]!
          if (aux !== null) {
            aux[s * 2] = frag[4]!
            aux[s * 2 + 1] = frag[5]!
          }
        }
      }
    }
}
