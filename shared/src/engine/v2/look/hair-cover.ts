/**
 * @module engine/v2/look/hair-cover — where the hair hides and shades the skin. The hair's rest triangles are
 * projected from the front onto a grid in face space (cm), keeping the front-most hair depth and how deep inside
 * the hair (away from strand tips) each cell is. A skin point behind dense hair is painted in the hair's colour
 * (cards leave gaps the skin would show through), and a blurred, lowered copy is the hair's soft shadow on the
 * forehead and temples. Computed once per hair style (cached with the textures).
 */
import { MATERIAL, type HeadMesh } from '../mesh-types.ts'
import { smoothstep } from './noise.ts'
import { sideburnTrim } from './sideburns.ts'
import { beardDensity } from './skin-layers.ts'
import type { StrandTopology } from './topology.ts'

/** Grid over face-space x in [-12, 12], y in [-12, 16] cm. */
const G = 96
const X0 = -12
const X1 = 12
const Y0 = -12
const Y1 = 16

/** Depth of cells without hair (cm: far behind any skin). */
const NO_HAIR = -100

/** The hair's front-projected cover: depth (front-most z, NO_HAIR where none), density and shadow. */
export interface HairCover {
  depth: Float32Array
  dense: Float32Array
  shadow: Float32Array
}

/**
 * Calls visit(cell, z, triangle) for every G-grid cell centre inside a front-projected triangle of `mesh` that
 * `keep` accepts (by its material and index; rest positions, face-space origin `origin`; z is the triangle's depth
 * there).
 */
function frontProject(
  mesh: HeadMesh,
  rest: Float32Array,
  origin: readonly number[],
  keep: (material: number, triangle: number) => boolean,
  visit: (cell: number, z: number, triangle: number) => void
): void {
  const sx = G / (X1 - X0)
  const sy = G / (Y1 - Y0)
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (!keep(mesh.material[t]!, t)) continue
    const a = mesh.indices[t * 3]!,
      b = mesh.indices[t * 3 + 1]!,
      c = mesh.indices[t * 3 + 2]!
    const px = (v: number) => (rest[v * 3]! - origin[0]! - X0) * sx
    const py = (v: number) => (rest[v * 3 + 1]! - origin[1]! - Y0) * sy
    const pz = (v: number) => rest[v * 3 + 2]! - origin[2]!
    const x0 = px(a),
      y0 = py(a),
      x1 = px(b),
      y1 = py(b),
      x2 = px(c),
      y2 = py(c)
    const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    if (!(Math.abs(area) > 1e-9)) continue
    const inv = 1 / area
    for (
      let j = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
      j <= Math.min(G - 1, Math.ceil(Math.max(y0, y1, y2)));
      j++
    ) {
      for (
        let i = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
        i <= Math.min(G - 1, Math.ceil(Math.max(x0, x1, x2)));
        i++
      ) {
        const qx = i + 0.5,
          qy = j + 0.5
        const l1 = ((qx - x0) * (y2 - y0) - (x2 - x0) * (qy - y0)) * inv
        const l2 = ((x1 - x0) * (qy - y0) - (qx - x0) * (y1 - y0)) * inv
        const l0 = 1 - l1 - l2
        if (l0 < -0.02 || l1 < -0.02 || l2 < -0.02) continue
        visit(i + j * G, l0 * pz(a) + l1 * pz(b) + l2 * pz(c), t)
      }
    }
  }
}

/**
 * Front-most skin depth per cell of the neutral head (rest positions; NO_HAIR where no skin): what hairCover
 * tests the hair's depth against. Computed once per head (the caller caches it).
 */
export function skinFront(
  mesh: HeadMesh,
  rest: Float32Array,
  origin: readonly number[]
): Float32Array {
  const front = new Float32Array(G * G).fill(NO_HAIR)
  frontProject(
    mesh,
    rest,
    origin,
    (m) => m === MATERIAL.skin,
    (k, z) => {
      if (z > front[k]!) front[k] = z
    }
  )
  return front
}

/**
 * Front projection of `mesh`'s hair (rest positions, face-space origin `origin`; `trimmed`: without the sideburns
 * a short cut trims, sideburns.ts: those cards neither paint nor shade the skin they no longer cover). Only scalp
 * hair at the skin's depth or in front of it (`skin`, skinFront's grid; at most SHADOW_BEHIND cm behind) casts the
 * shadow: a front projection also covers the face with the hair that hangs BEHIND the head (long styles, the back
 * of any cut), which darkened the whole face of every character with hair by about a fifth. A facial-hair shell
 * (`beardStyle`) covers the skin as densely as its style's density (beardDensity), the way the shader draws it:
 * its triangles reach past the style's outline, and there they neither hide nor paint the skin.
 */
export function hairCover(
  mesh: HeadMesh,
  rest: Float32Array,
  origin: readonly number[],
  topo: StrandTopology,
  skin: Float32Array,
  trimmed = false,
  beardStyle?: string
): HairCover {
  const depth = new Float32Array(G * G).fill(NO_HAIR)
  const dense = new Float32Array(G * G)
  const any = new Float32Array(G * G)
  // A beard's triangles are as dense as their corners' style density; scalp hair's as deep inside the hair as
  // their corners lie from its border.
  const density = Float32Array.from({ length: mesh.vertexCount }, (_, v) =>
    beardStyle === undefined
      ? 1
      : beardDensity(
          beardStyle,
          rest[v * 3]! - origin[0]!,
          rest[v * 3 + 1]! - origin[1]!,
          rest[v * 3 + 2]! - origin[2]!
        )
  )
  frontProject(
    mesh,
    rest,
    origin,
    (m, t) =>
      (m === MATERIAL.hair || (m === MATERIAL.beard && drawnAt(density, mesh, t))) &&
      !(trimmed && trimmedAt(mesh, rest, t) >= 0.5),
    (k, z, t) => {
      const I = mesh.indices
      const deep = mesh.material[t] === MATERIAL.beard ? density : topo.border
      const root = Math.min(deep[I[t * 3]!]!, deep[I[t * 3 + 1]!]!, deep[I[t * 3 + 2]!]!)
      if (z > depth[k]!) depth[k] = z
      if (root > dense[k]!) dense[k] = root
      // Facial hair lies on the skin: no cast shadow.
      if (mesh.material[t] === MATERIAL.hair && z > skin[k]! - SHADOW_BEHIND) any[k] = 1
    }
  )
  return { depth, dense, shadow: blurDown(any) }
}

/** Whether any corner of facial-hair triangle `t` has hair (density > 0). */
function drawnAt(density: Float32Array, mesh: HeadMesh, t: number): boolean {
  const I = mesh.indices
  return density[I[t * 3]!]! > 0 || density[I[t * 3 + 1]!]! > 0 || density[I[t * 3 + 2]!]! > 0
}

/** sideburnTrim at the rest centroid of triangle `t`. */
function trimmedAt(mesh: HeadMesh, rest: Float32Array, t: number): number {
  let x = 0,
    y = 0,
    z = 0
  for (let k = 0; k < 3; k++) {
    const v = mesh.indices[t * 3 + k]!
    x += rest[v * 3]! / 3
    y += rest[v * 3 + 1]! / 3
    z += rest[v * 3 + 2]! / 3
  }
  return sideburnTrim(x, y, z)
}

/** How far (cm) behind the skin's front hair still shades it (cards lie just off the scalp, up to ~0.5 cm). */
const SHADOW_BEHIND = 1

/** Two box blurs (5 cells) of the coverage, shifted down by 3 cells (~0.9 cm: light from above). */
function blurDown(src: Float32Array): Float32Array {
  let a = src
  for (let pass = 0; pass < 2; pass++) {
    const b = new Float32Array(G * G)
    for (let j = 0; j < G; j++) {
      for (let i = 0; i < G; i++) {
        let s = 0,
          n = 0
        for (let d = -2; d <= 2; d++) {
          const x = i + d
          if (x >= 0 && x < G) {
            s += a[x + j * G]!
            n++
          }
        }
        b[i + j * G] = s / n
      }
    }
    const c = new Float32Array(G * G)
    for (let j = 0; j < G; j++) {
      for (let i = 0; i < G; i++) {
        let s = 0,
          n = 0
        for (let d = -2; d <= 2; d++) {
          const y = j + d
          if (y >= 0 && y < G) {
            s += b[i + y * G]!
            n++
          }
        }
        c[i + j * G] = s / n
      }
    }
    a = c
  }
  const out = new Float32Array(G * G)
  for (let j = 0; j < G; j++)
    for (let i = 0; i < G; i++) out[i + j * G] = a[i + Math.min(G - 1, j + 3) * G]!
  return out
}

/**
 * Hair paint (0-1) and hair shadow (0-1) of a skin point at face-space (x, y, z) into out[0], out[1].
 * Skin well behind the hair (more than 0.3 cm) under dense hair is painted; the shadow falls just below any hair.
 */
export function underHair(
  cover: HairCover,
  x: number,
  y: number,
  z: number,
  out: Float32Array
): void {
  const gx = (x - X0) * (G / (X1 - X0)) - 0.5
  const gy = (y - Y0) * (G / (Y1 - Y0)) - 0.5
  out[0] = 0
  out[1] = 0
  if (!(gx >= 0 && gy >= 0 && gx < G - 1 && gy < G - 1)) return
  const depth = bilinear(cover.depth, gx, gy)
  out[0] = bilinear(cover.dense, gx, gy) * smoothstep(0.3, 0.8, depth - z)
  out[1] = bilinear(cover.shadow, gx, gy)
}

function bilinear(a: Float32Array, x: number, y: number): number {
  const i = Math.floor(x),
    j = Math.floor(y)
  const fx = x - i,
    fy = y - j
  const o = i + j * G
  const top = a[o]! + (a[o + 1]! - a[o]!) * fx
  const bot = a[o + G]! + (a[o + G + 1]! - a[o + G]!) * fx
  return top + (bot - top) * fy
}

/** The brow grid: face-space x in [-8, 8], y in [-2, 6] cm, 0.1 cm cells (brows are under 1.5 cm tall). */
const BW = 160
const BH = 80
const BX0 = -8
const BY0 = -2
const BCELL = 0.1

/** Cells (0.1 cm) the brow paint grows beyond the proxy's strips before it is blurred. */
const BROW_GROW = 2

/** A brow proxy's front projection: soft coverage (0-1) and its depth (cm, face space) per cell. */
export interface BrowCover {
  cover: Float32Array
  depth: Float32Array
}

/**
 * Front projection of `mesh`'s brow triangles (rest positions, face-space origin `origin`), blurred by about
 * 0.2 cm: where the skin under and just around a brow is painted in the brow's colour. A real brow is a band of
 * hairs with skin showing through; the proxy's thin strips alone read as drawn lines. Computed once per brow
 * style (cached with the textures).
 */
export function browCover(
  mesh: HeadMesh,
  rest: Float32Array,
  origin: readonly number[]
): BrowCover {
  const hit = new Float32Array(BW * BH)
  const depth = new Float32Array(BW * BH).fill(NO_HAIR)
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (mesh.material[t] !== MATERIAL.brow) continue
    const v = [mesh.indices[t * 3]!, mesh.indices[t * 3 + 1]!, mesh.indices[t * 3 + 2]!]
    const x = v.map((i) => (rest[i * 3]! - origin[0]! - BX0) / BCELL)
    const y = v.map((i) => (rest[i * 3 + 1]! - origin[1]! - BY0) / BCELL)
    const z = v.map((i) => rest[i * 3 + 2]! - origin[2]!)
    const area = (x[1]! - x[0]!) * (y[2]! - y[0]!) - (x[2]! - x[0]!) * (y[1]! - y[0]!)
    if (!(Math.abs(area) > 1e-9)) continue
    const inv = 1 / area
    for (
      let j = Math.max(0, Math.floor(Math.min(...y)));
      j <= Math.min(BH - 1, Math.ceil(Math.max(...y)));
      j++
    ) {
      for (
        let i = Math.max(0, Math.floor(Math.min(...x)));
        i <= Math.min(BW - 1, Math.ceil(Math.max(...x)));
        i++
      ) {
        const qx = i + 0.5,
          qy = j + 0.5
        const l1 = ((qx - x[0]!) * (y[2]! - y[0]!) - (x[2]! - x[0]!) * (qy - y[0]!)) * inv
        const l2 = ((x[1]! - x[0]!) * (qy - y[0]!) - (qx - x[0]!) * (y[1]! - y[0]!)) * inv
        const l0 = 1 - l1 - l2
        if (l0 < -0.05 || l1 < -0.05 || l2 < -0.05) continue
        const k = i + j * BW
        hit[k] = 1
        depth[k] = Math.max(depth[k]!, l0 * z[0]! + l1 * z[1]! + l2 * z[2]!)
      }
    }
  }
  // Grown by BROW_GROW cells, then two 5-cell box blurs: a soft band a few mm wider than the proxy's thin strips;
  // the depth spreads with it.
  let a = hit
  let d = depth
  for (let pass = 0; pass < 2 + BROW_GROW; pass++) {
    const grow = pass < BROW_GROW
    const b = new Float32Array(BW * BH)
    const e = new Float32Array(BW * BH).fill(NO_HAIR)
    for (let j = 0; j < BH; j++)
      for (let i = 0; i < BW; i++) {
        let s = 0
        let n = 0
        let m = NO_HAIR
        for (let dj = -2; dj <= 2; dj++)
          for (let di = -2; di <= 2; di++) {
            const x = i + di,
              y = j + dj
            if (x < 0 || y < 0 || x >= BW || y >= BH) continue
            if (grow && di * di + dj * dj > 2) continue
            s = grow ? Math.max(s, a[x + y * BW]!) : s + a[x + y * BW]!
            n++
            m = Math.max(m, d[x + y * BW]!)
          }
        b[i + j * BW] = grow ? s : s / n
        e[i + j * BW] = m
      }
    a = b
    d = e
  }
  return { cover: a, depth: d }
}

/** Brow paint (0-1) of a skin point at face-space (x, y, z): the cover where the skin lies at the brow's depth. */
export function underBrow(brow: BrowCover, x: number, y: number, z: number): number {
  const i = Math.floor((x - BX0) / BCELL)
  const j = Math.floor((y - BY0) / BCELL)
  if (!(i >= 0 && j >= 0 && i < BW && j < BH)) return 0
  const k = i + j * BW
  // The brow floats a little off the skin; skin far behind it (the back of the head) is not painted.
  return brow.cover[k]! * smoothstep(1.5, 0.8, Math.abs(brow.depth[k]! - z))
}
