/**
 * @module engine/shader — lighting and the engine's Shader.
 * Lighting is per vertex (Gouraud; the face grid is dense enough that this matches per-pixel shading at the
 * sizes we render): key + fill + hemispheric ambient, wrapped diffuse whose wrapped part is tinted warm on skin
 * (light scattering under the skin), and Blinn specular. Albedo is per vertex too, except where detail is finer
 * than the mesh: the eyes (sclera, iris, limbal ring, pupil) and hair strands are painted per pixel.
 * Lights are fixed in world space (they do not turn with the head's yaw). Colours are LINEAR RGB.
 */
import type { Shader } from '../render/rasterize.ts'
import { PART } from './mesh.ts'

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
const KEY_RGB = [1.0, 0.96, 0.9] as const
const FILL_RGB = [0.32, 0.34, 0.38] as const
const IRIS_R = 0.45
const PUPIL_R = 0.15

/** Per-vertex material inputs of a lighting pass. */
export interface Material {
  /** Warm wrapped diffuse (skin) vs plain Lambert. */
  scatter: Float32Array | number
  /** Specular strength and Blinn exponent (a power of two: 16, 32, 64 or 128). */
  spec: Float32Array | number
  shininess: 16 | 32 | 64 | 128
  ao: Float32Array | number
}

const at = (v: Float32Array | number, i: number) => (typeof v === 'number' ? v : v[i]!)

/**
 * Lights `count` vertices with world normals `nrm`: writes the diffuse multiplier (rgb) into `light` and the
 * additive specular (one float) into `specOut`.
 */
export function lightVertices(
  nrm: Float32Array,
  count: number,
  m: Material,
  light: Float32Array,
  specOut: Float32Array
): void {
  const steps = Math.log2(m.shininess)
  for (let v = 0; v < count; v++) {
    const nx = nrm[v * 3]!,
      ny = nrm[v * 3 + 1]!,
      nz = nrm[v * 3 + 2]!
    const kd = nx * KEY[0] + ny * KEY[1] + nz * KEY[2]
    const fd = Math.max(0, nx * FILL[0] + ny * FILL[1] + nz * FILL[2])
    const amb = 0.2 + 0.1 * ny
    const lambert = Math.max(0, kd)
    const sss = (Math.max(0, (kd + 0.3) / 1.3) - lambert) * at(m.scatter, v)
    const ao = at(m.ao, v)
    const key = lambert * 0.95
    light[v * 3] = (key * KEY_RGB[0] + fd * FILL_RGB[0] + amb + sss * 0.55) * ao
    light[v * 3 + 1] = (key * KEY_RGB[1] + fd * FILL_RGB[1] + amb + sss * 0.22) * ao
    light[v * 3 + 2] = (key * KEY_RGB[2] + fd * FILL_RGB[2] + amb + sss * 0.12) * ao
    let h = lambert > 0 ? Math.max(0, nx * HALF[0] + ny * HALF[1] + nz * HALF[2]) : 0
    for (let k = 0; k < steps; k++) h *= h // h^shininess by squaring: exact and the same in every engine
    specOut[v] = at(m.spec, v) * h
  }
}

/** Buffers one draw call reads: clip positions (4/vertex), light (3/vertex), specular, albedo (3/vertex). */
export interface DrawBuffers {
  indices: Uint32Array
  clip: Float32Array
  light: Float32Array
  spec: Float32Array
  albedo: Float32Array
  /** Per-triangle part (PART), or one part for the whole draw. */
  part: Uint8Array | number
  /** Eyes: unit-sphere local position (3/vertex). Hair: strand phase (1/vertex). Skin: rest position. */
  paint: Float32Array
  /** Skin triangles (1) whose albedo is painted per pixel by `pixelAlbedo` from the rest position. */
  detail?: Uint8Array
  pixelAlbedo?: (x: number, y: number, z: number, out: Float32Array) => void
}

const rgb = new Float32Array(3)

/** The engine's Shader: interpolates light/specular/albedo; paints eyes and hair per pixel. */
export class MeshShader implements Shader {
  private d: DrawBuffers | null = null
  private i0 = 0
  private i1 = 0
  private i2 = 0
  private part = 0
  private detailed = false

  constructor(private readonly eye: EyeParams) {}

  bind(buffers: DrawBuffers): void {
    this.d = buffers
  }

  vertex(face: number, corner: number, out: Float32Array): void {
    const d = this.d!
    const v = d.indices[face * 3 + corner]!
    if (corner === 0) {
      this.i0 = v
      this.part = typeof d.part === 'number' ? d.part : d.part[face]!
      this.detailed = d.detail !== undefined && d.detail[face] === 1
    } else if (corner === 1) this.i1 = v
    else this.i2 = v
    const c = d.clip
    out[0] = c[v * 4]!
    out[1] = c[v * 4 + 1]!
    out[2] = c[v * 4 + 2]!
    out[3] = c[v * 4 + 3]!
  }

  fragment(bary: Float32Array, out: Float32Array): boolean {
    const d = this.d!
    const b0 = bary[0]!,
      b1 = bary[1]!,
      b2 = bary[2]!
    const a = this.i0 * 3,
      b = this.i1 * 3,
      c = this.i2 * 3
    const L = d.light
    const lr = b0 * L[a]! + b1 * L[b]! + b2 * L[c]!
    const lg = b0 * L[a + 1]! + b1 * L[b + 1]! + b2 * L[c + 1]!
    const lb = b0 * L[a + 2]! + b1 * L[b + 2]! + b2 * L[c + 2]!
    const sp = b0 * d.spec[this.i0]! + b1 * d.spec[this.i1]! + b2 * d.spec[this.i2]!
    const al = d.albedo
    let r: number, g: number, bl: number
    if (this.part === PART.eye) {
      const p = d.paint
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
        const shade = (0.7 + t * (1 - t) * 1.2) * (t > 0.8 ? 0.45 : 1)
        r = this.eye.iris[0] * shade
        g = this.eye.iris[1] * shade
        bl = this.eye.iris[2] * shade
      } else {
        const w = 0.7 - 0.25 * Math.min(1, (rad - ir) / 0.7)
        r = w
        g = w * 0.95
        bl = w * 0.92
      }
      const lid = 1 - 0.45 * Math.min(1, Math.max(0, (ly - 0.05) / 0.45)) // the upper lid's shadow
      r *= lid
      g *= lid
      bl *= lid
    } else if (this.detailed) {
      const p = d.paint
      d.pixelAlbedo!(
        b0 * p[a]! + b1 * p[b]! + b2 * p[c]!,
        b0 * p[a + 1]! + b1 * p[b + 1]! + b2 * p[c + 1]!,
        b0 * p[a + 2]! + b1 * p[b + 2]! + b2 * p[c + 2]!,
        rgb
      )
      r = rgb[0]!
      g = rgb[1]!
      bl = rgb[2]!
    } else {
      r = b0 * al[a]! + b1 * al[b]! + b2 * al[c]!
      g = b0 * al[a + 1]! + b1 * al[b + 1]! + b2 * al[c + 1]!
      bl = b0 * al[a + 2]! + b1 * al[b + 2]! + b2 * al[c + 2]!
      if (this.part === PART.hair) {
        const p = d.paint
        const phase = b0 * p[this.i0]! + b1 * p[this.i1]! + b2 * p[this.i2]!
        // Broad locks (about 1.5 cm, two incommensurate frequencies) carry most of the variation; the fine strands
        // stay faint, so the hair reads as soft volume rather than regular ridges.
        const strand =
          0.86 +
          0.06 * Math.sin(0.24 * phase + 0.8) +
          0.04 * Math.sin(0.61 * phase + 2.1) +
          0.025 * Math.sin(phase) +
          0.02 * Math.sin(2.71 * phase + 1.3)
        r *= strand
        g *= strand
        bl *= strand
      }
    }
    out[0] = r * lr + sp
    out[1] = g * lg + sp
    out[2] = bl * lb + sp
    out[3] = 1
    return true
  }
}
