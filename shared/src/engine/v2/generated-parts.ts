/**
 * @module engine/v2/generated-parts — parts the asset pack has no mesh for, generated from the morphed head:
 * facial hair shells (skin triangles of a style's region, lifted along their normals) and glasses (rims,
 * bridge, temples and lenses placed from the pupils and the ears). Stubble has no geometry: the look layer
 * paints it.
 */
import type { HeadAssets } from './assets.ts'
import { pointNormals, skinPart, type MeshPart } from './head-mesh.ts'
import type { LandmarkRigV2 } from './landmarks.ts'
import { MATERIAL } from './mesh-types.ts'

/**
 * Per facial hair style: where its shell may lie (given a rest position and the rest landmarks' heights), and how
 * far it stands off the skin (cm). A triangle is in the shell when ANY corner lies in `region`: a generous superset
 * of the style, because the look layer draws the shell's outline from the style's own density (look skin-layers
 * `beardDensity`: strands thin out and end there), so the outline does not follow triangle edges (whole triangles
 * of a hard region drew a 3-4 mm zigzag). beard-shell.test.ts checks that the shell holds every skin triangle the
 * density reaches.
 */
interface BeardShape {
  lift: number
  region(x: number, y: number, z: number, f: FaceHeights): boolean
  /** Extra lift (cm) where a long beard is full (at rest y, the landmarks' heights); none when absent. */
  volume?(y: number, f: FaceHeights): number
}
interface FaceHeights {
  mouthY: number
  mouthHalf: number
  noseY: number
  /** Depth of the nose's tip. */
  noseZ: number
  chinY: number
}

/**
 * The beard region with margins (rest frame, from the landmarks): below the cheekbones (the look's beard region
 * rises to about 2.4 cm above the nose's base at the face's middle), down the neck to 4 cm under the chin, and
 * forward of 11.6 cm behind the nose's tip (the region ends in front of the ears).
 */
const nearBeard = (y: number, z: number, f: FaceHeights) =>
  y < f.noseY + 2.5 && y > f.chinY - 4 && z > f.noseZ - 11.6

const BEARDS: Record<string, BeardShape> = {
  'full-beard': {
    lift: 0.3,
    region: (_x, y, z, f) => nearBeard(y, z, f),
    // A full beard stands off the chin and the jaw's underside (it grows there longest), not the cheeks and the
    // lip: from nothing at the mouth's line to 0.9 cm at the chin's lowest point and under it.
    volume: (y, f) => 0.9 * smooth(f.mouthY - 0.5, f.chinY + 0.3, y),
  },
  moustache: {
    lift: 0.2,
    region: (x, y, _z, f) =>
      y > f.mouthY - 1.8 && y < f.noseY + 0.45 && Math.abs(x) < f.mouthHalf + 1,
  },
  goatee: {
    lift: 0.22,
    region: (x, y, _z, f) => y > f.chinY - 3 && y < f.noseY + 0.45 && Math.abs(x) < f.mouthHalf + 1,
  },
  'chin-strap': {
    lift: 0.18,
    // Up the sides to the sideburns: the whole beard region.
    region: (_x, y, z, f) => nearBeard(y, z, f),
  },
}

/** Facial hair styles with geometry. */
export const BEARD_STYLES = Object.keys(BEARDS)

/** A style's shell on a pack: its skin triangles and how far each morph point stands off the skin (cm). */
export interface BeardSelection {
  triangles: Uint32Array
  lift: Float32Array
}

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/** Rest-pose selections (skin triangles and lifts per beard style), computed once per pack. */
export function beardSelections(
  assets: HeadAssets,
  rig: LandmarkRigV2
): Map<string, BeardSelection> {
  const R = assets.rest
  const y = (k: number) => R[rig.ibug[k]! * 3 + 1]!
  const x = (k: number) => R[rig.ibug[k]! * 3]!
  const f: FaceHeights = {
    mouthY: (y(62) + y(66)) / 2,
    mouthHalf: Math.abs(x(54) - x(48)) / 2,
    noseY: y(33),
    noseZ: R[rig.ibug[30]! * 3 + 2]!,
    chinY: y(8),
  }
  const { pointOf, indices } = assets.skin
  const out = new Map<string, BeardSelection>()
  const points = R.length / 3
  for (const [style, shape] of Object.entries(BEARDS)) {
    const inRegion = (v: number) => {
      const p = pointOf[v]! * 3
      return shape.region(R[p]!, R[p + 1]!, R[p + 2]!, f)
    }
    const tris: number[] = []
    for (let t = 0; t < indices.length; t += 3) {
      if (inRegion(indices[t]!) || inRegion(indices[t + 1]!) || inRegion(indices[t + 2]!)) {
        tris.push(indices[t]!, indices[t + 1]!, indices[t + 2]!)
      }
    }
    const lift = new Float32Array(points).fill(shape.lift)
    if (shape.volume)
      for (let p = 0; p < points; p++) lift[p] = shape.lift + shape.volume(R[p * 3 + 1]!, f)
    out.set(style, { triangles: Uint32Array.from(tris), lift })
  }
  return out
}

/** A beard shell over morphed positions `pos` for a style (null when the style has no geometry). */
export function beardPart(
  assets: HeadAssets,
  pos: Float32Array,
  style: string,
  selections: Map<string, BeardSelection>,
  /** The skin's smooth normals per morph vertex (pointNormals of the skin part) when the caller has them. */
  skinNormals?: Float32Array
): MeshPart | null {
  const sel = selections.get(style)
  if (!sel || !sel.triangles.length) return null
  const skin = skinPart(assets, pos)
  const n = skinNormals ?? pointNormals(skin)
  const points = new Float32Array(pos.length)
  const lift = sel.lift
  for (let i = 0; i < points.length; i++) points[i] = pos[i]! + n[i]! * lift[(i / 3) | 0]!
  return { ...skin, points, indices: sel.triangles, material: MATERIAL.beard, normals: n }
}

/** Glasses frame shapes: half width and half height of a rim (cm), superellipse exponent, lens tint. */
const FRAMES: Record<string, { rx: number; ry: number; n: number; thick: number }> = {
  round: { rx: 1.85, ry: 1.75, n: 2, thick: 0.18 },
  rectangular: { rx: 2.3, ry: 1.55, n: 5, thick: 0.22 },
  wide: { rx: 2.65, ry: 1.85, n: 3.5, thick: 0.3 },
  sunglasses: { rx: 2.5, ry: 2.0, n: 3, thick: 0.25 },
}

/** Glasses styles with geometry. */
export const GLASSES_STYLES = Object.keys(FRAMES)

const SEG = 40

/** Segments of each temple, rim to ear (~1 cm each). */
const TEMPLE_STEPS = 10
/** How far a temple stays off the skin (cm): about its own thickness. */
const TEMPLE_CLEAR = 0.25

/** The posed skin: positions (cm, 3 per vertex) and which of them are skin points. */
export interface HeadPoints {
  positions: Float32Array
  points: ArrayLike<number>
}

/**
 * The head's outermost |x| on one side (`sign` -1 right, +1 left) near each of `steps` + 1 points evenly spaced from
 * (y0, z0) to (y1, z1): the skin points within 0.8 cm of the point's height and depth (0 where none lie). One pass
 * over the skin: each point reaches the one or two samples at its depth.
 */
function headReach(head: HeadPoints, sign: number, y0: number, z0: number, y1: number, z1: number, steps: number): Float64Array {
  const out = new Float64Array(steps + 1)
  const { positions: P, points } = head
  const dz = (z1 - z0) / steps
  const span = 0.8 / Math.abs(dz)
  const yLo = Math.min(y0, y1) - 0.8, yHi = Math.max(y0, y1) + 0.8
  for (let i = 0; i < points.length; i++) {
    const o = points[i]! * 3
    const x = sign * P[o]!
    const y = P[o + 1]!
    if (x <= 0 || y <= yLo || y >= yHi) continue
    const z = P[o + 2]!
    const at = (z - z0) / dz
    for (let k = Math.max(0, Math.ceil(at - span)); k <= Math.min(steps, Math.floor(at + span)); k++) {
      const t = k / steps
      if (Math.abs(y - (y0 + (y1 - y0) * t)) < 0.8 && Math.abs(z - (z0 + (z1 - z0) * t)) < 0.8 && x > out[k]!) out[k] = x
    }
  }
  return out
} // prettier-ignore

/**
 * Glasses for a frame style: two rims (flat rings 1.4 cm in front of the pupils, facing the camera), a bridge,
 * two temples back to the ears along the side of the `head`, and two lenses. Returns [frame, lenses] or [] for an
 * unknown style.
 */
export function glassesParts(
  style: string,
  pupilR: readonly number[],
  pupilL: readonly number[],
  earR: readonly number[],
  earL: readonly number[],
  head: HeadPoints
): MeshPart[] {
  const fr = FRAMES[style]
  if (!fr) return []
  const P: number[] = []
  const N: number[] = []
  const frameIdx: number[] = []
  const lensIdx: number[] = []
  const add = (x: number, y: number, z: number, nx = 0, ny = 0, nz = 1) => {
    P.push(x, y, z)
    N.push(nx, ny, nz)
    return P.length / 3 - 1
  }
  const z0 = (pupilR[2]! + pupilL[2]!) / 2 + 1.4
  const inner: number[][] = []
  const rims: { c: number[]; sign: number }[] = [
    { c: [...pupilR], sign: -1 },
    { c: [...pupilL], sign: 1 },
  ]
  for (const { c, sign } of rims) {
    const cx = c[0]! + sign * 0.15
    const cy = c[1]! - 0.15
    const ring: number[][] = []
    for (let k = 0; k < SEG; k++) {
      const a = (2 * Math.PI * k) / SEG
      const ca = Math.cos(a),
        sa = Math.sin(a)
      // Superellipse: |x/rx|^n + |y/ry|^n = 1.
      const ex = Math.sign(ca) * Math.pow(Math.abs(ca), 2 / fr.n)
      const ey = Math.sign(sa) * Math.pow(Math.abs(sa), 2 / fr.n)
      const outer = add(cx + ex * fr.rx, cy + ey * fr.ry, z0)
      const inn = add(cx + ex * (fr.rx - fr.thick), cy + ey * (fr.ry - fr.thick), z0)
      ring.push([outer, inn])
    }
    for (let k = 0; k < SEG; k++) {
      const [o0, i0] = ring[k]!
      const [o1, i1] = ring[(k + 1) % SEG]!
      frameIdx.push(o0!, o1!, i1!, o0!, i1!, i0!)
    }
    const centre = add(cx, cy, z0 + 0.05)
    for (let k = 0; k < SEG; k++) lensIdx.push(centre, ring[k]![1]!, ring[(k + 1) % SEG]![1]!)
    inner.push([cx, cy, sign])
  }
  // Bridge between the rims' inner edges, a little above the pupils.
  const [r, l] = inner as [number[], number[]]
  const bx0 = r[0]! + fr.rx - fr.thick / 2,
    bx1 = l[0]! - fr.rx + fr.thick / 2
  const by = r[1]! + fr.ry * 0.35
  const b0 = add(bx0, by, z0),
    b1 = add(bx1, by, z0),
    b2 = add(bx1, by + 0.25, z0),
    b3 = add(bx0, by + 0.25, z0)
  frameIdx.push(b0, b1, b2, b0, b2, b3)
  // Temples: from each rim's outer edge straight back to just above the ear, pushed out wherever the head is wider
  // than that line (TEMPLE_CLEAR off the skin, at most to the ear's line), so they lie along the side of the head.
  // (They went out to a hinge at the ears' width 1.5 cm behind the rims: from the front the same line, but turned,
  // the far temple stood in the air beside the cheek.)
  for (const [rim, ear] of [
    [r, earR],
    [l, earL],
  ] as const) {
    const s = rim[2]!
    const x0 = Math.abs(rim[0]! + s * fr.rx)
    const y0 = rim[1]! + fr.ry * 0.5
    // The ear tip is the ear's outermost point; the side of the head is ~0.6 cm further in.
    const x1 = Math.abs(ear[0]!) - 0.6
    const y1 = ear[1]! + 0.4
    const z1 = ear[2]!
    const reach = headReach(head, s, y0, z0, y1, z1, TEMPLE_STEPS)
    let prev: [number, number] | null = null
    for (let k = 0; k <= TEMPLE_STEPS; k++) {
      const t = k / TEMPLE_STEPS
      const y = y0 + (y1 - y0) * t
      const z = z0 + (z1 - z0) * t
      // never past the ear's own line: its outermost point would lift the temple off the head beside the ear
      const x = s * Math.max(x0 + (x1 - x0) * t, Math.min(reach[k]! + TEMPLE_CLEAR, x1))
      const a = add(x, y, z, s, 0, 0)
      const b = add(x, y - 0.3, z, s, 0, 0)
      if (prev) frameIdx.push(prev[0], prev[1], b, prev[0], b, a)
      prev = [a, b]
    }
  }
  const points = Float32Array.from(P)
  const normals = Float32Array.from(N)
  const V = P.length / 3
  // The same array kinds as every other part (Uint16 points, Uint32 triangles): the assembly and normal loops then
  // see one element kind, not two.
  const pointOf = Uint16Array.from({ length: V }, (_, i) => i)
  const uvs = new Float32Array(V * 2)
  return [
    {
      points,
      normals,
      pointOf,
      uvs,
      indices: Uint32Array.from(frameIdx),
      material: MATERIAL.glassesFrame,
      doubleSided: true,
    },
    {
      points,
      normals,
      pointOf,
      uvs,
      indices: Uint32Array.from(lensIdx),
      material: MATERIAL.glassesLens,
      doubleSided: true,
    },
  ]
}
