/**
 * @module engine/hair — the eight hairstyles as shells over the skin: each skin vertex of the scalp gets a hair
 * thickness (cm) and the shell vertex sits that far out from the posed skin; shell triangles entirely under the
 * skin are dropped, and the shell's edges tuck under the skin at the hairline, so the head stays closed.
 */
import { FACE, bump, piecewise, smoothstep } from './anatomy.ts'
import type { BaseMesh } from './mesh.ts'

// Hairline height (cm) by azimuth |atan2(x, z)|: forehead, temples, above the ears, nape.
const AZ = [0, 0.5, 0.85, 1.1, 1.3, 1.75, 2.1, 2.5, Math.PI]
const LINE = [FACE.hairlineY, 6.6, 5.2, 3.4, 2.6, 2.6, -3, -7.5, -8.2]

function hairline(x: number, z: number): number {
  return piecewise(AZ, LINE, Math.abs(Math.atan2(x, z)))
}

/** Hair thickness (cm) of a style at a rest skin point; 0 where the style has no hair. */
export function hairThickness(style: string, x: number, y: number, z: number): number {
  const t = styleThickness(style, x, y, z)
  if (t <= 0.2) return t
  // Hair lies in loose masses, not as a moulded cap: broad, uneven swells (several cm across, two incommensurate
  // frequencies, not mirror-symmetric) lift the thicker styles' outline.
  const swell =
    0.1 * Math.sin(0.9 * x + 0.6 * y + 0.4) * Math.sin(0.7 * z - 0.5 * y + 1.1) +
    0.06 * Math.sin(1.7 * x - 1.3 * z + 0.3 * y)
  return t * (1 + swell * smoothstep(0.2, 0.8, t))
}

function styleThickness(style: string, x: number, y: number, z: number): number {
  const az = Math.abs(Math.atan2(x, z))
  const above = y - hairline(x, z)
  const scalp = smoothstep(-0.1, 1.4, above) // hair thins toward the hairline
  const top = smoothstep(2, 9, y)
  switch (style) {
    case 'buzz':
      return 0.1 * scalp
    case 'crop':
      return scalp * (0.45 + 0.9 * top)
    case 'side-part': {
      const part = 1 - 0.6 * bump(x, z, 2.4, 3, 0.35, 6) * top
      return scalp * (0.55 + 1.3 * top + 0.5 * smoothstep(0, -4, x) * top) * part
    }
    case 'curly': {
      const curls = 0.22 * Math.sin(x * 2.1 + 0.5) * Math.sin(y * 2.3) * Math.sin(z * 1.9 + 1)
      return scalp * (1.1 + 1.3 * top + curls)
    }
    case 'bun':
      return scalp * 0.3 + 3.2 * bump(y, z, 8.5, -8.2, 2.4, 2.4) * Math.exp(-((x / 2.6) ** 2))
    case 'bob':
    case 'long': {
      const low = style === 'bob' ? -9.5 : -17
      const fringe = style === 'bob' ? smoothstep(0.9, 0.5, az) * smoothstep(3.4, 4.4, y) : 0
      const hang = smoothstep(0.95, 1.35, az) * smoothstep(low - 0.5, low + 1.5, y)
      const cover = Math.max(scalp, fringe, hang * smoothstep(1.0, 1.4, az))
      return cover * (0.6 + 0.9 * top + 1.3 * smoothstep(0.9, 1.6, az) * (1 - top))
    }
    default:
      return 0
  }
}

/** Scalp colouring under the hair (0-1): the hair colour shows through at the hairline as on a real scalp. */
export function scalpMask(style: string, x: number, y: number, z: number): number {
  if (style === 'bald') return 0
  const above = y - hairline(x, z)
  // A real hairline is soft: fine, sparse hairs thin out over about a centimetre below where the full hair
  // starts, so the paint fades in from 0.9 cm below the shell's edge (which lies at about -0.1).
  const t = smoothstep(-0.9, 0.5, above)
  return t * t * (style === 'buzz' ? 0.9 : 1)
}

/** A hairstyle's shell: offsets from the posed skin vertex, and the triangles that show. */
export interface HairShell {
  style: string
  /** Rest offset (cm, head space) of each skin vertex's hair point; (0,0,0) where there is no hair. */
  offset: Float32Array
  /** Vertex index of each used skin vertex in the shell (-1 unused), and the shell's triangles over them. */
  used: Int32Array
  vertices: Int32Array
  indices: Uint32Array
  /** Strand phase per shell vertex (radians): strands run down from the crown and waver with height. */
  phase: Float32Array
}

/** Builds the shell of one style over the mesh's skin grid (null for bald). */
export function buildHairShell(mesh: BaseMesh, style: string): HairShell | null {
  if (style === 'bald') return null
  const n = mesh.skinCount
  const offset = new Float32Array(n * 3)
  const thick = new Float32Array(n)
  const p = mesh.rest
  for (let v = 0; v < n; v++) {
    const x = p[v * 3]!,
      y = p[v * 3 + 1]!,
      z = p[v * 3 + 2]!
    const t = hairThickness(style, x, y, z)
    thick[v] = t
    // Push out horizontally low on the head (hair hangs), radially high up; tuck under the skin where t = 0.
    const lift = smoothstep(-2, 4, y)
    let dx = x,
      dy = (y - 1) * lift,
      dz = z + 0.8
    const len = Math.hypot(dx, dy, dz) || 1
    dx /= len
    dy /= len
    dz /= len
    const d = t > 0.01 ? t : -0.25
    offset[v * 3] = dx * d
    offset[v * 3 + 1] = dy * d
    offset[v * 3 + 2] = dz * d
  }
  const tris: number[] = []
  const idx = mesh.skinGrid.indices
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]!,
      b = idx[t + 1]!,
      c = idx[t + 2]!
    if (thick[a]! > 0.01 || thick[b]! > 0.01 || thick[c]! > 0.01) tris.push(a, b, c)
  }
  const used = new Int32Array(n).fill(-1)
  const vertices: number[] = []
  const remapped = tris.map((v) => {
    if (used[v] === -1) {
      used[v] = vertices.length
      vertices.push(v)
    }
    return used[v]!
  })
  const phase = Float32Array.from(vertices, (v) => {
    const x = p[v * 3]!
    const y = p[v * 3 + 1]!
    const z = p[v * 3 + 2]!
    return 3 * (5.5 * x + 1.7 * Math.sin(0.7 * y) + 2.5 * Math.sin(0.45 * z))
  })
  return {
    style,
    offset,
    used,
    vertices: Int32Array.from(vertices),
    indices: Uint32Array.from(remapped),
    phase,
  }
}
