/**
 * @module engine/v2/look/test-support — shared inputs of the look tests and previews: sample appearances and a
 * front camera framing a head whose eye midpoint is known. Pure (no file system).
 */
import { mat4, vec3, type Mat4 } from '../../../math/index.ts'
import {
  MATERIAL,
  type Appearance,
  type HeadMesh,
  type HeadView,
  type LinearRgb,
} from '../mesh-types.ts'
import { IRIS_CENTERS } from './eye.ts'
import { srgbToLinear } from '../../../render/resolve.ts'

const lin = (r: number, g: number, b: number): LinearRgb => [
  srgbToLinear(r),
  srgbToLinear(g),
  srgbToLinear(b),
]

/** A neutral appearance; override fields per test. */
export function sampleAppearance(over: Partial<Appearance> = {}): Appearance {
  return {
    skinTone: 0.65,
    undertone: 0.5,
    age: 0.5,
    gender: 0.5,
    hairColor: lin(70, 45, 30),
    browColor: lin(60, 40, 28),
    beardColor: lin(60, 40, 28),
    irisColor: lin(70, 110, 150),
    lipColor: lin(185, 100, 95),
    lipstick: 0,
    lipstickColor: lin(170, 30, 50),
    freckles: 0,
    blush: 0.3,
    hairStyle: 'short02',
    beardStyle: 'none',
    lensTint: 0,
    seed: 7,
    ...over,
  }
}

/** Preview/test characters spanning tone, age, gender and styles. */
export const SAMPLE_LOOKS: Record<string, Partial<Appearance>> = {
  medium: {},
  dark: {
    skinTone: 0.08,
    undertone: 0.6,
    gender: 1,
    age: 0.62,
    hairColor: lin(25, 20, 18),
    browColor: lin(22, 18, 16),
    beardColor: lin(22, 18, 16),
    irisColor: lin(60, 35, 20),
    lipColor: lin(110, 60, 60),
    beardStyle: 'stubble',
  },
  old: {
    skinTone: 0.85,
    undertone: 0.35,
    age: 0.9,
    gender: 0.8,
    hairColor: lin(175, 170, 165),
    browColor: lin(140, 135, 130),
    beardColor: lin(160, 155, 150),
    irisColor: lin(110, 120, 110),
  },
  fair: {
    skinTone: 1,
    undertone: 0.3,
    age: 0.45,
    gender: 0,
    hairColor: lin(150, 60, 25),
    browColor: lin(120, 55, 30),
    irisColor: lin(90, 130, 80),
    freckles: 0.9,
    lipstick: 0.8,
    blush: 0.6,
  },
}

/** A front camera (18 degree lens, 100 cm away) centred a little below `focus` (cm). */
export function frontView(
  focus: readonly [number, number, number],
  samples = 256
): HeadView & { viewProj: Mat4 } {
  const target = vec3.fromValues(focus[0], focus[1] - 1.5, focus[2] - 6)
  const eye: [number, number, number] = [target[0]!, target[1]!, target[2]! + 100]
  const view = mat4.lookAt(
    mat4.create(),
    vec3.fromValues(...eye),
    target,
    vec3.fromValues(0, 1, 0)
  )!
  const proj = mat4.perspective(mat4.create(), (18 * Math.PI) / 180, 1, 50, 150)
  const height = 2 * 100 * Math.tan((9 * Math.PI) / 180) // cm visible at the head
  return { viewProj: mat4.mul(mat4.create(), proj, view), eye, sampleCm: height / samples }
}

/** Builder state of a synthetic mesh. */
interface Parts {
  pos: number[]
  nrm: number[]
  uv: number[]
  idx: number[]
  mat: number[]
}

/**
 * Adds a latitude-longitude sphere patch: `rows` x `cols` quads over polar angle [t0, t1] (0 = +y) and azimuth
 * [-pi, pi) (0 = +z, toward the camera), or around +z as the pole when `front` (eyeballs). `uv(s, t)` maps the
 * patch's (azimuth fraction, polar fraction) to texture coordinates.
 */
function sphere(
  p: Parts,
  c: readonly [number, number, number],
  r: number,
  rows: number,
  cols: number,
  t0: number,
  t1: number,
  material: number,
  uv: (s: number, t: number, x: number, y: number, z: number) => [number, number],
  front = false
): void {
  const base = p.pos.length / 3
  for (let i = 0; i <= rows; i++) {
    const th = t0 + ((t1 - t0) * i) / rows
    for (let j = 0; j <= cols; j++) {
      const ph = -Math.PI + (2 * Math.PI * j) / cols
      let nx = Math.sin(th) * Math.sin(ph),
        ny = Math.cos(th),
        nz = Math.sin(th) * Math.cos(ph)
      if (front)
        [nx, ny, nz] = [Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)]
      p.pos.push(c[0] + r * nx, c[1] + r * ny, c[2] + r * nz)
      p.nrm.push(nx, ny, nz)
      p.uv.push(...uv(j / cols, i / rows, nx, ny, nz))
    }
  }
  const w = cols + 1
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const a = base + i * w + j
      // Counter-clockwise seen from outside.
      if (front) p.idx.push(a, a + w, a + 1, a + 1, a + w, a + w + 1)
      else p.idx.push(a, a + w, a + 1, a + 1, a + w, a + w + 1)
      p.mat.push(material, material)
    }
  }
}

/**
 * A small synthetic head for tests (no MakeHuman data needed): a skin sphere (r 10 cm) whose UVs fill the fine
 * skin grid, two eyeballs with their irises facing the camera at the eye proxy's iris centres, a hair cap and two
 * brow strips. Eye midpoint (the face-space origin) at (0, 0, 9.3); `rest` = positions.
 */
export function syntheticHead(): HeadMesh & { rest: Float32Array } {
  const p: Parts = { pos: [], nrm: [], uv: [], idx: [], mat: [] }
  const F = { u0: 0.64, v0: 0.16, u1: 0.92, v1: 0.8 }
  sphere(p, [0, 0, 0], 10, 24, 32, 0.05, Math.PI - 0.05, MATERIAL.skin, (s, t) => [
    F.u0 + s * (F.u1 - F.u0),
    F.v1 - t * (F.v1 - F.v0),
  ])
  for (const [k, sx] of [
    [0, 1],
    [1, -1],
  ] as const) {
    const cc = IRIS_CENTERS[k]!
    sphere(
      p,
      [sx * 3.1, 0, 9.3],
      1.2,
      8,
      12,
      0,
      Math.PI * 0.75,
      MATERIAL.eyeball,
      (_s, _t, x, y) => [cc[0] + x * 0.2, cc[1] + y * 0.2],
      true
    )
  }
  sphere(p, [0, 0.3, 0], 10.6, 6, 32, 0.0, 1.15, MATERIAL.hair, (s, t) => [s, t])
  // Brows: a 3 x 6 grid of quads lying 1.6 cm above each eye, just in front of the skin.
  for (const sx of [1, -1]) {
    const base = p.pos.length / 3
    for (let i = 0; i <= 2; i++) {
      for (let j = 0; j <= 6; j++) {
        const x = sx * (1.6 + j * 0.55)
        const y = 1.5 + i * 0.3 - 0.02 * (j - 3) ** 2
        p.pos.push(x, y, Math.sqrt(Math.max(0, 101 - x * x - y * y)))
        p.nrm.push(0, 0, 1)
        p.uv.push(j / 6, i / 2)
      }
    }
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 6; j++) {
        const a = base + i * 7 + j
        if (sx > 0) p.idx.push(a, a + 1, a + 7, a + 1, a + 8, a + 7)
        else p.idx.push(a, a + 7, a + 1, a + 1, a + 7, a + 8)
        p.mat.push(MATERIAL.brow, MATERIAL.brow)
      }
    }
  }
  const V = p.pos.length / 3
  const positions = new Float32Array(p.pos)
  const zeros = () => new Float32Array(V)
  return {
    positions,
    rest: positions,
    normals: new Float32Array(p.nrm),
    uvs: new Float32Array(p.uv),
    indices: new Uint32Array(p.idx),
    material: new Uint8Array(p.mat),
    masks: { lips: zeros(), cheeks: zeros(), beard: zeros(), scalp: zeros(), eyes: zeros() },
    vertexCount: V,
    triangleCount: p.idx.length / 3,
  }
}

/** FNV-1a hash of a typed array's bytes (hex), for determinism checks. */
export function hashBytes(a: ArrayBufferView): string {
  const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
  let h = 0x811c9dc5
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}
