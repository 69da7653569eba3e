/**
 * @module engine/shader — the engine's shader: per-pixel lighting (key + fill + hemispheric ambient, wrapped
 * diffuse with a warm subsurface tint on skin, Blinn specular) over per-vertex albedo; eyes (sclera, iris,
 * pupil, corneal highlight) and hair strands are painted per pixel. Lights are fixed in world space.
 */
import type { Shader } from '../render/rasterize.ts'
import type { HairShell } from './hair.ts'
import { PART, type BaseMesh } from './mesh.ts'
import type { Painter } from './paint.ts'

/** Eye colouring for one character: LINEAR iris colour, iris and pupil scale factors. */
export interface EyeParams {
  iris: [number, number, number]
  irisScale: number
  pupilScale: number
}

const norm = (x: number, y: number, z: number) => {
  const l = Math.hypot(x, y, z)
  return [x / l, y / l, z / l] as const
}
const KEY = norm(-0.55, 0.6, 0.75) // from the viewer's upper left
const FILL = norm(0.75, 0.05, 0.6)
const HALF = norm(KEY[0], KEY[1], KEY[2] + 1) // Blinn half-vector for a viewer on +z
const KEY_RGB = [1.0, 0.96, 0.9]
const FILL_RGB = [0.32, 0.34, 0.38]
const IRIS_R = 0.45
const PUPIL_R = 0.15

export class MeshShader implements Shader {
  private clip: Float32Array = new Float32Array(0)
  private nrm: Float32Array = new Float32Array(0)
  private indices: Uint32Array = new Uint32Array(0)
  private triPart: Uint8Array = new Uint8Array(0)
  private albedo: Float32Array = new Float32Array(0)
  private spec: Float32Array = new Float32Array(0)
  private ao: Float32Array = new Float32Array(0)
  private paint: Float32Array = new Float32Array(0)
  private hairMode = false
  private hairRgb: [number, number, number] = [0, 0, 0]
  private hairPhase: Float32Array = new Float32Array(0)
  private i0 = 0
  private i1 = 0
  private i2 = 0
  private part = 0

  constructor(private readonly eye: EyeParams) {}

  bind(clip: Float32Array, nrm: Float32Array, mesh: BaseMesh, painter: Painter): void {
    this.clip = clip
    this.nrm = nrm
    this.indices = mesh.indices
    this.triPart = mesh.triPart
    this.albedo = painter.albedo
    this.spec = painter.spec
    this.ao = mesh.ao
    this.paint = mesh.paint
    this.hairMode = false
  }

  bindHair(
    clip: Float32Array,
    nrm: Float32Array,
    hair: HairShell,
    mesh: BaseMesh,
    rgb: [number, number, number]
  ): void {
    this.clip = clip
    this.nrm = nrm
    this.indices = hair.indices
    this.hairMode = true
    this.hairRgb = rgb
    if (this.hairPhase.length < hair.vertices.length)
      this.hairPhase = new Float32Array(hair.vertices.length)
    const p = mesh.paint
    for (let k = 0; k < hair.vertices.length; k++) {
      const v = hair.vertices[k]!
      const x = p[v * 3]!,
        y = p[v * 3 + 1]!,
        z = p[v * 3 + 2]!
      // Strands run down from the crown: the phase varies around the head, wavering with height.
      this.hairPhase[k] = 5.5 * x + 1.7 * Math.sin(0.7 * y) + 2.5 * Math.sin(0.45 * z)
    }
  }

  vertex(face: number, corner: number, out: Float32Array): void {
    const v = this.indices[face * 3 + corner]!
    if (corner === 0) this.i0 = v
    else if (corner === 1) this.i1 = v
    else this.i2 = v
    if (corner === 0) this.part = this.hairMode ? PART.hair : this.triPart[face]!
    const c = this.clip
    out[0] = c[v * 4]!
    out[1] = c[v * 4 + 1]!
    out[2] = c[v * 4 + 2]!
    out[3] = c[v * 4 + 3]!
  }

  fragment(bary: Float32Array, out: Float32Array): boolean {
    const b0 = bary[0]!,
      b1 = bary[1]!,
      b2 = bary[2]!
    const a = this.i0 * 3,
      b = this.i1 * 3,
      c = this.i2 * 3
    const n = this.nrm
    let nx = b0 * n[a]! + b1 * n[b]! + b2 * n[c]!
    let ny = b0 * n[a + 1]! + b1 * n[b + 1]! + b2 * n[c + 1]!
    let nz = b0 * n[a + 2]! + b1 * n[b + 2]! + b2 * n[c + 2]!
    const inv = 1 / (Math.sqrt(nx * nx + ny * ny + nz * nz) || 1)
    nx *= inv
    ny *= inv
    nz *= inv
    const kd = nx * KEY[0] + ny * KEY[1] + nz * KEY[2]
    const fd = Math.max(0, nx * FILL[0] + ny * FILL[1] + nz * FILL[2])
    const amb = 0.2 + 0.1 * ny
    const hdot = Math.max(0, nx * HALF[0] + ny * HALF[1] + nz * HALF[2])
    let r: number, g: number, bl: number, spec: number, shin: number, ao: number
    if (this.part === PART.hair) {
      const i0 = this.i0,
        i1 = this.i1,
        i2 = this.i2
      const phase = b0 * this.hairPhase[i0]! + b1 * this.hairPhase[i1]! + b2 * this.hairPhase[i2]!
      const strand = 0.78 + 0.22 * Math.sin(phase * 6.3)
      r = this.hairRgb[0] * strand
      g = this.hairRgb[1] * strand
      bl = this.hairRgb[2] * strand
      spec = 0.12 * strand
      shin = 18
      ao = 0.9
    } else if (this.part === PART.eye) {
      const p = this.paint
      const lx = b0 * p[a]! + b1 * p[b]! + b2 * p[c]!
      const ly = b0 * p[a + 1]! + b1 * p[b + 1]! + b2 * p[c + 1]!
      const lz = b0 * p[a + 2]! + b1 * p[b + 2]! + b2 * p[c + 2]!
      const rad = lz > 0 ? Math.sqrt(lx * lx + ly * ly) : 2
      const ir = IRIS_R * this.eye.irisScale
      const pr = PUPIL_R * this.eye.pupilScale * this.eye.irisScale
      if (rad < pr) {
        r = g = bl = 0.01
      } else if (rad < ir) {
        const t = (rad - pr) / (ir - pr) // 0 at the pupil, 1 at the limbus
        const shade = (0.75 + 0.5 * t * (1 - t) * 2) * (t > 0.82 ? 0.45 : 1)
        r = this.eye.iris[0] * shade
        g = this.eye.iris[1] * shade
        bl = this.eye.iris[2] * shade
      } else {
        const edge = Math.min(1, Math.max(0, (rad - ir) / 0.7))
        const w = 0.72 - 0.25 * edge
        r = w
        g = w * 0.95
        bl = w * 0.92
      }
      const lid = 1 - 0.45 * Math.min(1, Math.max(0, (ly - 0.05) / 0.45)) // upper lid shadow
      r *= lid
      g *= lid
      bl *= lid
      spec = 0.9
      shin = 90
      ao = 0.9
    } else {
      const al = this.albedo
      r = b0 * al[a]! + b1 * al[b]! + b2 * al[c]!
      g = b0 * al[a + 1]! + b1 * al[b + 1]! + b2 * al[c + 1]!
      bl = b0 * al[a + 2]! + b1 * al[b + 2]! + b2 * al[c + 2]!
      const s = this.spec
      spec = b0 * s[this.i0]! + b1 * s[this.i1]! + b2 * s[this.i2]!
      shin = 24
      const o = this.ao
      ao = b0 * o[this.i0]! + b1 * o[this.i1]! + b2 * o[this.i2]!
    }
    // Skin scatters light past the terminator: wrapped diffuse, with the wrapped part tinted warm.
    const lambert = Math.max(0, kd)
    const wrap = Math.max(0, (kd + 0.3) / 1.3)
    const sss = this.part === PART.hair || this.part === PART.eye ? 0 : wrap - lambert
    const light = lambert * 0.95
    const lr = (light * KEY_RGB[0]! + fd * FILL_RGB[0]! + amb + sss * 0.55) * ao
    const lg = (light * KEY_RGB[1]! + fd * FILL_RGB[1]! + amb + sss * 0.22) * ao
    const lb = (light * KEY_RGB[2]! + fd * FILL_RGB[2]! + amb + sss * 0.12) * ao
    const sp = hdot > 0 ? spec * Math.pow(hdot, shin) * (lambert > 0 ? 1 : 0) : 0
    out[0] = r * lr + sp
    out[1] = g * lg + sp
    out[2] = bl * lb + sp
    out[3] = 1
    return true
  }
}
