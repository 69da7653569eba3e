/** @file The rasterizer on tiny scenes whose right answer is known exactly (tinyrenderer's by-eye checks, automated). */
import { describe, expect, it } from 'vitest'
import { mat4 } from '../math/index.ts'
import {
  createProjected,
  createVisibility,
  projectVertices,
  rasterize,
  rasterizeDeferred,
  rasterizeDeferredRun,
  rasterizeProjected,
  runOccluded,
  shadeDeferred,
  shadeDeferredQuads,
  type IndexedShader,
  type Shader,
} from './rasterize.ts'
import { createRng } from '../utils/random.ts'
import { resolveImage } from './resolve.ts'
import { createTarget } from './target.ts'

/** A shader over explicit clip-space corners (4 floats each) whose fragment outputs the barycentrics. */
function flat(
  clip: number[][],
  extra: (b: Float32Array, out: Float32Array) => void = () => {}
): Shader {
  return {
    vertex(face, corner, out) {
      out.set(clip[face * 3 + corner]!)
    },
    fragment(b, out) {
      out[0] = b[0]!
      out[1] = b[1]!
      out[2] = b[2]!
      out[3] = 1
      extra(b, out)
      return true
    },
  }
}

const SIZE = 16
const screen = mat4.viewport(mat4.create(), SIZE, SIZE)
const coverage = (color: Float32Array) => {
  let n = 0
  for (let i = 3; i < color.length; i += 4) n += color[i]! > 0 ? 1 : 0
  return n
}

/** `V` random clip-space vertices (vertex `behind` behind the camera) and `T` random triangles over them: an
 * overlapping scene in random depth order, for the deferred == immediate tests. */
function randomScene(seed: number, behind: number, T: number) {
  const rng = createRng(seed)
  const V = 60
  const clip4 = new Float32Array(V * 4)
  for (let v = 0; v < V; v++) {
    const w = v === behind ? -0.5 : 0.5 + rng() * 2
    clip4.set([(rng() * 2.4 - 1.2) * w, (rng() * 2.4 - 1.2) * w, rng() * w, w], v * 4)
  }
  const idx = Array.from({ length: T * 3 }, () => Math.floor(rng() * V))
  return { clip4, idx, V, T }
}

/** A shader of that scene: colour from the barycentrics and the face; `keep` is its alpha test (fragment() and,
 * with `withCovers`, covers() run the same test), `opaque` says which faces may be shaded deferred. */
function sceneShader(
  clip4: Float32Array,
  idx: number[],
  opaque: (face: number) => boolean,
  keep: (face: number, b: ArrayLike<number>) => boolean,
  withCovers = false
): IndexedShader & { face: number } {
  const shader: IndexedShader & { face: number } = {
    face: 0,
    clip4,
    vertex(face, corner, out) {
      this.face = face
      out.set(clip4.subarray(idx[face * 3 + corner]! * 4, idx[face * 3 + corner]! * 4 + 4))
    },
    bind(face) {
      this.face = face
      return true
    },
    opaque,
    fragment(b, out) {
      out.set([b[0]! + this.face / 1000, b[1]! * 0.5, b[2]! + (this.face % 5) / 10, 1])
      return keep(this.face, b)
    },
  }
  if (withCovers) shader.covers = (b) => keep(shader.face, b)
  return shader
}

describe('rasterize', () => {
  it('fills a full-screen quad exactly once per pixel, no gaps on the shared edge', () => {
    const t = createTarget(SIZE, SIZE)
    const q = [
      [-1, -1, 0, 1], [1, -1, 0, 1], [1, 1, 0, 1],
      [-1, -1, 0, 1], [1, 1, 0, 1], [-1, 1, 0, 1],
    ] // prettier-ignore
    const written = rasterize(0, flat(q), t, screen) + rasterize(1, flat(q), t, screen)
    expect(coverage(t.color)).toBe(SIZE * SIZE)
    expect(written).toBeGreaterThanOrEqual(SIZE * SIZE)
  })

  it('culls clockwise (back-facing) triangles and ones behind the camera', () => {
    const t = createTarget(SIZE, SIZE)
    const back = [[-1, -1, 0, 1], [1, 1, 0, 1], [1, -1, 0, 1]] // prettier-ignore
    expect(rasterize(0, flat(back), t, screen)).toBe(0)
    const behind = [[-1, -1, 0, -1], [1, -1, 0, 1], [1, 1, 0, 1]] // prettier-ignore
    expect(rasterize(0, flat(behind), t, screen)).toBe(0)
    expect(coverage(t.color)).toBe(0)
  })

  it('keeps the nearer surface whatever the drawing order (z-buffer)', () => {
    const tri = (z: number) => [[-1, -1, z, 1], [1, -1, z, 1], [1, 1, z, 1]] // prettier-ignore
    for (const order of [
      [0.5, -0.5],
      [-0.5, 0.5],
    ]) {
      const t = createTarget(SIZE, SIZE)
      for (const z of order)
        rasterize(
          0,
          flat(tri(z), (_b, o) => (o[0] = z)),
          t,
          screen
        )
      const i = (12 + 4 * SIZE) * 4 // a pixel inside the triangle
      expect(t.color[i]).toBe(-0.5)
    }
  })

  it('clips the bounding box to the target', () => {
    const t = createTarget(SIZE, SIZE)
    const big = [[-5, -5, 0, 1], [5, -5, 0, 1], [0, 5, 0, 1]] // prettier-ignore
    expect(rasterize(0, flat(big), t, screen)).toBeGreaterThan(0)
    expect(coverage(t.color)).toBeLessThanOrEqual(SIZE * SIZE)
  })

  it('interpolates varyings perspective-correctly', () => {
    // A triangle whose right corner is twice as far (w = 2): at the screen midpoint between a near and a far
    // corner, the perspective-correct weight of the far corner is 1/3, not the screen-space 1/2.
    const t = createTarget(64, 64)
    const vp = mat4.viewport(mat4.create(), 64, 64)
    const tri = [[-1, -1, 0, 1], [2, -2, 0, 2], [-1, 1, 0, 1]] // prettier-ignore
    rasterize(0, flat(tri), t, vp)
    // Pixel at screen x = 32 (NDC 0), y near the bottom edge: on the edge from corner 0 (NDC -1) to 1 (NDC +1).
    const o = (32 + 62 * 64) * 4
    const b1 = t.color[o + 1]!
    expect(b1).toBeGreaterThan(0.3)
    expect(b1).toBeLessThan(0.37)
  })

  it('resolves supersampled coverage to alpha and composites backgrounds', () => {
    const color = new Float32Array(2 * 2 * 4)
    color.set([1, 1, 1, 1], 0) // one of four samples covered, white
    const transparent = resolveImage(color, 2, 2, 2, null)
    expect([...transparent.data]).toEqual([255, 255, 255, 64])
    const onBlack = resolveImage(color, 2, 2, 2, [0, 0, 0])
    expect(onBlack.data[3]).toBe(255)
    expect(onBlack.data[0]).toBeGreaterThan(100) // 25% linear white is ~137 in sRGB
    expect(onBlack.data[0]).toBeLessThan(150)
  })

  it('draws the same bytes from corners projected once per vertex (rasterizeProjected)', () => {
    // A random indexed mesh: 40 vertices (one behind the camera), 60 triangles of both windings, overlapping.
    const rng = createRng(5)
    const V = 40
    const clip4 = new Float32Array(V * 4)
    for (let v = 0; v < V; v++) {
      const w = v === 7 ? -0.5 : 0.5 + rng() * 2
      clip4.set([(rng() * 2.4 - 1.2) * w, (rng() * 2.4 - 1.2) * w, rng() * w, w], v * 4)
    }
    const idx = Array.from({ length: 180 }, () => Math.floor(rng() * V))
    const shader = {
      face: 0,
      vertex(face: number, corner: number, out: Float32Array) {
        this.face = face
        out.set(clip4.subarray(idx[face * 3 + corner]! * 4, idx[face * 3 + corner]! * 4 + 4))
      },
      fragment(b: Float32Array, out: Float32Array) {
        out.set([b[0]! + this.face / 100, b[1]!, b[2]!, 1])
        return this.face % 7 !== 3 // some triangles discard
      },
    }
    const a = createTarget(SIZE, SIZE)
    const b = createTarget(SIZE, SIZE)
    let wa = 0
    let wb = 0
    for (let t = 0; t < 60; t++) wa += rasterize(t, shader, a, screen)
    const p = projectVertices(clip4, V, screen, createProjected())
    for (let t = 0; t < 60; t++) {
      shader.face = t
      wb += rasterizeProjected(shader, b, p, idx[t * 3]!, idx[t * 3 + 1]!, idx[t * 3 + 2]!)
    }
    expect(wa).toBeGreaterThan(20)
    expect(wb).toBe(wa)
    expect(b.color).toEqual(a.color)
    expect(b.depth).toEqual(a.depth)
  })

  it('draws the same bytes when opaque triangles are shaded deferred (rasterizeDeferred + shadeDeferred)', () => {
    // Overlapping triangles in random depth order; every 3rd is alpha-tested (discards some fragments by
    // position), the rest opaque: deferred drawing must give what drawing all in order gives, sample for sample.
    const { clip4, idx, V, T } = randomScene(11, 9, 120)
    const alpha = (t: number) => t % 3 === 0
    // alpha-tested ones discard a corner's share
    const shader = sceneShader(
      clip4,
      idx,
      (f) => !alpha(f),
      (f, b) => !alpha(f) || b[0]! > 0.3
    )
    const a = createTarget(SIZE, SIZE)
    for (let t = 0; t < T; t++) rasterize(t, shader, a, screen)
    const b = createTarget(SIZE, SIZE)
    const p = projectVertices(clip4, V, screen, createProjected())
    const vis = createVisibility(SIZE * SIZE)
    let deferred = 0
    for (let t = 0; t < T; t++) {
      shader.bind(t)
      if (shader.opaque!(t))
        deferred += rasterizeDeferred(b, p, t, idx[t * 3]!, idx[t * 3 + 1]!, idx[t * 3 + 2]!, vis)
      else rasterizeProjected(shader, b, p, idx[t * 3]!, idx[t * 3 + 1]!, idx[t * 3 + 2]!, vis)
    }
    shadeDeferred(shader, b, vis)
    expect(deferred).toBeGreaterThan(50)
    expect(b.color).toEqual(a.color)
    expect(b.depth).toEqual(a.depth)
    // Every deferred sample was shaded (the buffer is clear for the next draw).
    expect(vis.face.every((f) => f === -1)).toBe(true)
  })

  it('draws the same bytes when alpha-tested triangles defer their colour (rasterize deferCovered + covers)', () => {
    // As above, but the alpha-tested triangles (every 3rd) go through rasterize() with their coverage recorded
    // and their colour shaded later, mixed with immediate ones and deferred opaque ones.
    const { clip4, idx, V, T } = randomScene(23, 4, 150)
    const kind = (t: number) => t % 3 // 0: alpha-tested, covers(); 1: opaque; 2: alpha-tested, immediate
    const keep = (f: number, b: ArrayLike<number>) => kind(f) === 1 || b[1]! > 0.25
    const shader = sceneShader(clip4, idx, (f) => kind(f) === 1, keep, true)
    const a = createTarget(SIZE, SIZE)
    for (let t = 0; t < T; t++) rasterize(t, shader, a, screen)
    const b = createTarget(SIZE, SIZE)
    const p = projectVertices(clip4, V, screen, createProjected())
    const vis = createVisibility(SIZE * SIZE)
    let covered = 0
    for (let t = 0; t < T; t++) {
      shader.bind(t)
      const i0 = idx[t * 3]!,
        i1 = idx[t * 3 + 1]!,
        i2 = idx[t * 3 + 2]!
      if (kind(t) === 1) rasterizeDeferred(b, p, t, i0, i1, i2, vis)
      else if (kind(t) === 0) covered += rasterize(t, shader, b, screen, vis, true)
      else rasterizeProjected(shader, b, p, i0, i1, i2, vis)
    }
    shadeDeferred(shader, b, vis)
    expect(covered).toBeGreaterThan(30)
    expect(b.color).toEqual(a.color)
    expect(b.depth).toEqual(a.depth)
    expect(vis.face.every((f) => f === -1)).toBe(true)
  })

  it('draws the same bytes with opaque runs in one call (rasterizeDeferredRun) and skips only occluded runs', () => {
    // An occluder (a quad over most of the screen at window z 0.75), then chunks of 4 small random triangles,
    // behind it (z 0.9-1) or in front (z 0.55): a chunk runOccluded calls hidden must change nothing when drawn
    // (checked on the spot), and skipping the hidden chunks gives the bytes of drawing every triangle one by one.
    let hidden = 0
    let shown = 0
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createRng(seed)
      const T = 2 + 4 * 16
      const clip4 = new Float32Array(T * 3 * 4)
      const I = Uint32Array.from({ length: T * 3 }, (_, k) => k)
      const quad = [[-1, -1], [0.6, -1], [0.6, 1], [-1, -1], [0.6, 1], [-1, 1]] // prettier-ignore
      quad.forEach(([x, y], k) => clip4.set([x!, y!, 0.5, 1], k * 4))
      for (let t = 2; t < T; t++) {
        const chunkBehind = ((t - 2) >> 2) % 3 !== 0
        const cx = rng() * 2.4 - 1.2,
          cy = rng() * 2.4 - 1.2
        for (let k = 0; k < 3; k++) {
          const w = 0.5 + rng()
          const z = chunkBehind ? 0.8 + 0.2 * rng() : 0.1
          const ang = (k * 2 * Math.PI) / 3
          clip4.set(
            [(cx + 0.15 * Math.cos(ang)) * w, (cy + 0.15 * Math.sin(ang)) * w, z * w, w],
            (t * 3 + k) * 4
          )
        }
      }
      const shader = sceneShader(
        clip4,
        [...I],
        () => true,
        () => true
      )
      const p = projectVertices(clip4, T * 3, screen, createProjected())
      const a = createTarget(SIZE, SIZE)
      const va = createVisibility(SIZE * SIZE)
      for (let t = 0; t < T; t++)
        rasterizeDeferred(a, p, t, I[t * 3]!, I[t * 3 + 1]!, I[t * 3 + 2]!, va)
      shadeDeferred(shader, a, va)
      const b = createTarget(SIZE, SIZE)
      const vb = createVisibility(SIZE * SIZE)
      rasterizeDeferredRun(b, p, I, 0, 2, vb)
      for (let c = 2; c < T; c += 4) {
        if (runOccluded(b, p, I, c, c + 4)) {
          hidden++
          const depth = b.depth.slice()
          expect(rasterizeDeferredRun(b, p, I, c, c + 4, vb)).toBe(0)
          expect(b.depth).toEqual(depth)
        } else {
          shown++
          rasterizeDeferredRun(b, p, I, c, c + 4, vb)
        }
      }
      shadeDeferred(shader, b, vb)
      expect(b.color).toEqual(a.color)
      expect(b.depth).toEqual(a.depth)
    }
    expect(hidden).toBeGreaterThan(50)
    expect(shown).toBeGreaterThan(50)
  })

  it('shadeDeferredQuads shades each face once per 2x2 block at the mean barycentrics of its samples', () => {
    const { clip4, idx, V, T } = randomScene(5, 9, 120)
    // A fragment linear in the barycentrics (so a block's mean is the mean colour), discarding near one corner.
    const shader = sceneShader(
      clip4,
      idx,
      () => true,
      (_f, b) => b[0]! < 0.9
    )
    const p = projectVertices(clip4, V, screen, createProjected())
    const draw = (quads: boolean) => {
      const target = createTarget(SIZE, SIZE)
      const vis = createVisibility(SIZE * SIZE)
      for (let t = 0; t < T; t++)
        rasterizeDeferred(target, p, t, idx[t * 3]!, idx[t * 3 + 1]!, idx[t * 3 + 2]!, vis)
      const faces = vis.face.slice()
      let calls = 0
      const fragment = shader.fragment
      shader.fragment = function (b, out) {
        calls++
        return fragment.call(this, b, out)
      }
      ;(quads ? shadeDeferredQuads : shadeDeferred)(shader, target, vis)
      shader.fragment = fragment
      expect(vis.face.every((f) => f === -1)).toBe(true)
      return { target, faces, calls }
    }
    const a = draw(false)
    const b = draw(true)
    expect(b.faces).toEqual(a.faces)
    expect(b.calls).toBeLessThan(a.calls * 0.7)
    // Per block and face: the same summed colour (where neither discarded), or the very samples.
    let same = 0
    for (let by = 0; by < SIZE; by += 2)
      for (let bx = 0; bx < SIZE; bx += 2) {
        const block = [0, 1, SIZE, SIZE + 1].map((d) => bx + by * SIZE + d)
        const sum = (c: Float32Array) =>
          [0, 1, 2].map((k) => block.reduce((s, i) => s + c[i * 4 + k]!, 0))
        const drawn = (c: Float32Array) => block.filter((i) => c[i * 4 + 3] === 1).length
        if (drawn(a.target.color) !== drawn(b.target.color)) continue // a mean that discarded differently
        const sa = sum(a.target.color),
          sb = sum(b.target.color)
        for (let k = 0; k < 3; k++) expect(sb[k]!).toBeCloseTo(sa[k]!, 4)
        same++
      }
    expect(same).toBeGreaterThan((((SIZE / 2) * SIZE) / 2) * 0.9)
  })

  it('runOccluded widens its test by grow (samples) and zMargin (window z)', () => {
    // A wall at z 0.5 over the left half (x < 8 samples); a small triangle behind it near its right edge.
    const wall = [[-1, -1], [0, -1], [0, 1], [-1, -1], [0, 1], [-1, 1]] // prettier-ignore
    const clip4 = new Float32Array(9 * 4)
    wall.forEach(([x, y], k) => clip4.set([x!, y!, 0.5, 1], k * 4))
    const small = [
      [-0.3, -0.1],
      [-0.1, -0.1],
      [-0.2, 0.1],
    ] // x 5.6-7.2 samples
    small.forEach(([x, y], k) => clip4.set([x!, y!, 0.6, 1], (6 + k) * 4))
    const I = Uint32Array.from({ length: 9 }, (_, k) => k)
    const p = projectVertices(clip4, 9, screen, createProjected())
    const target = createTarget(SIZE, SIZE)
    rasterizeDeferredRun(target, p, I, 0, 2, createVisibility(SIZE * SIZE))
    expect(runOccluded(target, p, I, 2, 3)).toBe(true)
    expect(runOccluded(target, p, I, 2, 3, /* grow= */ 0.5)).toBe(true)
    expect(runOccluded(target, p, I, 2, 3, /* grow= */ 2)).toBe(false) // its box reaches past the wall
    // Window z 0.8 vs the wall's 0.75: hidden, but not within a margin of 0.06.
    expect(runOccluded(target, p, I, 2, 3, 0, /* zMargin= */ 0.04)).toBe(true)
    expect(runOccluded(target, p, I, 2, 3, 0, /* zMargin= */ 0.06)).toBe(false)
  })

  it('resolves 2x2 supersampling with the same bytes as the general box filter', () => {
    // The general path (factor 3 runs it) written out for factor 2: premultiplied sums, row by row.
    const reference = (
      color: Float32Array,
      n: number,
      bg: readonly [number, number, number] | null
    ) => {
      const out = new Uint8ClampedArray((n / 2) * (n / 2) * 4)
      const lut = (l: number) =>
        resolveImage(Float32Array.of(l, l, l, 1), 1, 1, 1, [0, 0, 0]).data[0]!
      const lin = bg
        ? bg.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4))
        : [0, 0, 0]
      for (let y = 0; y < n / 2; y++)
        for (let x = 0; x < n / 2; x++) {
          let r = 0, g = 0, b = 0, a = 0 // prettier-ignore
          for (let dy = 0; dy < 2; dy++)
            for (let dx = 0; dx < 2; dx++) {
              const o = ((y * 2 + dy) * n + x * 2 + dx) * 4
              const c = color[o + 3]!
              r += color[o]! * c
              g += color[o + 1]! * c
              b += color[o + 2]! * c
              a += c
            }
          const q = (x + (y * n) / 2) * 4
          if (bg) {
            out[q] = lut(r / 4 + lin[0]! * (1 - a / 4))
            out[q + 1] = lut(g / 4 + lin[1]! * (1 - a / 4))
            out[q + 2] = lut(b / 4 + lin[2]! * (1 - a / 4))
            out[q + 3] = 255
          } else if (a > 0) {
            out[q] = lut(r / a)
            out[q + 1] = lut(g / a)
            out[q + 2] = lut(b / a)
            out[q + 3] = Math.round((a / 4) * 255)
          }
        }
      return out
    }
    const rng = createRng(31)
    const n = 24
    const color = new Float32Array(n * n * 4)
    for (let i = 0; i < n * n; i++)
      if (rng() < 0.6) color.set([rng() * 1.2, rng(), rng() * 0.8, 1], i * 4) // the rest stays cleared
    for (const bg of [null, [255, 255, 255], [30, 90, 200]] as const)
      expect([...resolveImage(color, n, n, 2, bg).data]).toEqual([...reference(color, n, bg)])
  })

  it('tests every pixel the edge functions accept (row spans drop none, on thousands of slivers, in every fill)', () => {
    // Each triangle alone on a fresh 64 x 64 target (w = 1, z in [0, 1)): the pixels whose fragment runs must be
    // exactly those of the bounding-box reference below (fill()'s own arithmetic, every pixel of the box tested).
    const N = 64
    const view = mat4.viewport(mat4.create(), N, N)
    const rng = createRng(23)
    const corner = new Float32Array(12)
    const hit = new Uint8Array(N * N)
    const shader: Shader = {
      vertex(_face, k, out) {
        out.set(corner.subarray(k * 4, k * 4 + 4))
      },
      fragment(_b, out) {
        out.set([1, 1, 1, 1])
        return true
      },
    }
    const coverShader = {
      ...shader,
      clip4: corner,
      bind: () => true,
      covers: () => true,
    } satisfies IndexedShader
    const projected = createProjected()
    let drawn = 0
    let wrong = 0
    for (let t = 0; t < 3000; t++) {
      // Long thin slivers at every angle (hair cards), some tiny, some large.
      const cx = rng() * 2.2 - 1.1,
        cy = rng() * 2.2 - 1.1
      const len = rng() * (t % 3 === 0 ? 0.1 : 2),
        wid = rng() * (t % 2 ? 0.02 : 0.3)
      const ang = rng() * Math.PI * 2
      const ux = Math.cos(ang),
        uy = Math.sin(ang)
      const pts = [
        [cx - ux * len, cy - uy * len],
        [cx + ux * len, cy + uy * len],
        [cx + ux * len * 0.3 - uy * wid, cy + uy * len * 0.3 + ux * wid],
      ]
      if (t % 2) pts.reverse() // both windings: back faces draw nothing in either
      pts.forEach(([x, y], k) => corner.set([x!, y!, rng() * 0.9, 1], k * 4))
      const target = createTarget(N, N)
      rasterize(0, shader, target, view)
      // The same triangle through the deferred-coverage fill and the opaque depth pass (their own row spans).
      const covered = createTarget(N, N)
      const cvis = createVisibility(N * N)
      rasterize(0, coverShader, covered, view, cvis, true)
      const deferred = createTarget(N, N)
      const dvis = createVisibility(N * N)
      rasterizeDeferred(deferred, projectVertices(corner, 3, view, projected), 0, 0, 1, 2, dvis)
      // Reference: fill()'s arithmetic over the whole clipped bounding box.
      const sx = pts.map(([x]) => view[0]! * x! + view[12]!)
      const sy = pts.map(([, y]) => view[5]! * y! + view[13]!)
      hit.fill(0)
      const area = (sx[1]! - sx[0]!) * (sy[2]! - sy[0]!) - (sx[2]! - sx[0]!) * (sy[1]! - sy[0]!)
      if (area < 0) {
        const inv = 1 / area
        const a0 = (sy[1]! - sy[2]!) * inv,
          b0 = (sx[2]! - sx[1]!) * inv,
          c0 = (sx[1]! * sy[2]! - sx[2]! * sy[1]!) * inv
        const a1 = (sy[2]! - sy[0]!) * inv,
          b1 = (sx[0]! - sx[2]!) * inv,
          c1 = (sx[2]! * sy[0]! - sx[0]! * sy[2]!) * inv
        for (let py = 0; py < N; py++)
          for (let px = 0; px < N; px++) {
            const l0 = a0 * (px + 0.5) + b0 * (py + 0.5) + c0
            const l1 = a1 * (px + 0.5) + b1 * (py + 0.5) + c1
            if (l0 >= 0 && l1 >= 0 && 1 - l0 - l1 >= 0) hit[px + py * N] = 1
          }
      }
      for (let i = 0; i < N * N; i++) {
        if (target.color[i * 4 + 3] !== hit[i]) wrong++
        if ((cvis.face[i] === 0 ? 1 : 0) !== hit[i]) wrong++
        if ((dvis.face[i] === 0 ? 1 : 0) !== hit[i]) wrong++
        drawn += hit[i]!
      }
    }
    expect(wrong).toBe(0)
    expect(drawn).toBeGreaterThan(10_000)
  })
})
