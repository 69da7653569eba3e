/**
 * @module engine/v2/generated-parts — parts the asset pack has no mesh for, generated from the morphed head:
 * facial hair shells (skin triangles of a style's region, lifted along their normals) and glasses (rims,
 * bridge, temples and lenses placed from the pupils and the ears). Stubble has no geometry: the look layer
 * paints it through masks.beard.
 */
import type { HeadAssets } from './assets.ts'
import { pointNormals, skinPart, type MeshPart } from './head-mesh.ts'
import type { LandmarkRigV2 } from './landmarks.ts'
import { MATERIAL, type SkinMasks } from './mesh-types.ts'

/** Per facial hair style: which skin render vertices carry hair (given rest x, y, the beard mask and rest
 * landmark heights), and how far the shell stands off the skin (cm). */
interface BeardShape {
  lift: number
  keep(x: number, y: number, beard: number, f: FaceHeights): boolean
}
interface FaceHeights {
  mouthY: number
  mouthHalf: number
  noseY: number
  chinY: number
}

const BEARDS: Record<string, BeardShape> = {
  'full-beard': { lift: 0.3, keep: (_x, _y, b) => b > 0.45 },
  moustache: {
    lift: 0.2,
    keep: (x, y, b, f) =>
      b > 0.3 && y > f.mouthY + 0.25 && y < f.noseY && Math.abs(x) < f.mouthHalf + 0.4,
  },
  goatee: {
    lift: 0.22,
    keep: (x, y, b, f) =>
      b > 0.3 &&
      ((y > f.mouthY + 0.25 && y < f.noseY && Math.abs(x) < f.mouthHalf + 0.4) ||
        (y < f.mouthY - 0.4 && Math.abs(x) < f.mouthHalf + 0.2 && y > f.chinY - 1.5)),
  },
  'chin-strap': {
    lift: 0.18,
    keep: (x, y, b, f) =>
      b > 0.45 && y < f.mouthY - 0.3 && (Math.abs(x) > f.mouthHalf + 1.5 || y < f.chinY + 1.2),
  },
}

/** Facial hair styles with geometry. */
export const BEARD_STYLES = Object.keys(BEARDS)

/** Rest-pose selections (skin triangles per beard style), computed once per pack. */
export function beardSelections(
  assets: HeadAssets,
  rig: LandmarkRigV2,
  masks: SkinMasks
): Map<string, Uint32Array> {
  const R = assets.rest
  const y = (k: number) => R[rig.ibug[k]! * 3 + 1]!
  const x = (k: number) => R[rig.ibug[k]! * 3]!
  const f: FaceHeights = {
    mouthY: (y(62) + y(66)) / 2,
    mouthHalf: Math.abs(x(54) - x(48)) / 2,
    noseY: y(33),
    chinY: y(8),
  }
  const { pointOf, indices } = assets.skin
  const out = new Map<string, Uint32Array>()
  for (const [style, shape] of Object.entries(BEARDS)) {
    const keepV = (v: number) => {
      const p = pointOf[v]! * 3
      return shape.keep(R[p]!, R[p + 1]!, masks.beard[v]!, f)
    }
    const tris: number[] = []
    for (let t = 0; t < indices.length; t += 3) {
      if (keepV(indices[t]!) && keepV(indices[t + 1]!) && keepV(indices[t + 2]!)) {
        tris.push(indices[t]!, indices[t + 1]!, indices[t + 2]!)
      }
    }
    out.set(style, Uint32Array.from(tris))
  }
  return out
}

/** A beard shell over morphed positions `pos` for a style (null when the style has no geometry). */
export function beardPart(
  assets: HeadAssets,
  pos: Float32Array,
  style: string,
  selections: Map<string, Uint32Array>,
  /** The skin's smooth normals per morph vertex (pointNormals of the skin part) when the caller has them. */
  skinNormals?: Float32Array
): MeshPart | null {
  const shape = BEARDS[style]
  const tris = selections.get(style)
  if (!shape || !tris || !tris.length) return null
  const skin = skinPart(assets, pos)
  const n = skinNormals ?? pointNormals(skin)
  const points = new Float32Array(pos.length)
  for (let i = 0; i < points.length; i++) points[i] = pos[i]! + n[i]! * shape.lift
  return { ...skin, points, indices: tris, material: MATERIAL.beard, normals: n }
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

/**
 * Glasses for a frame style: two rims (flat rings 1.4 cm in front of the pupils, facing the camera), a bridge,
 * two temples back to the ears, and two lenses. Returns [frame, lenses] or [] for an unknown style.
 */
export function glassesParts(
  style: string,
  pupilR: readonly number[],
  pupilL: readonly number[],
  earR: readonly number[],
  earL: readonly number[]
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
  // Temples: from each rim's outer edge out to a hinge beside the head, then back to just above the ear
  // (a straight line from rim to ear would pass inside the temples of the head).
  for (const [rim, ear] of [
    [r, earR],
    [l, earL],
  ] as const) {
    const s = rim[2]!
    const x0 = rim[0]! + s * fr.rx
    const y0 = rim[1]! + fr.ry * 0.5
    // The ear tip is the ear's outermost point; the side of the head is ~0.6 cm further in.
    const side = Math.abs(ear[0]!) - 0.6
    const xh = s * Math.max(Math.abs(x0) + 0.1, side)
    const zh = z0 - 1.5
    const x1 = s * side
    const y1 = ear[1]! + 0.4
    const z1 = ear[2]!
    const strip = (xa: number, ya: number, za: number, xb: number, yb: number, zb: number) => {
      const a0 = add(xa, ya, za, s, 0, 0),
        a1 = add(xa, ya - 0.3, za, s, 0, 0),
        b1 = add(xb, yb - 0.3, zb, s, 0, 0),
        b0 = add(xb, yb, zb, s, 0, 0)
      frameIdx.push(a0, a1, b1, a0, b1, b0)
    }
    strip(x0, y0, z0, xh, y0, zh)
    strip(xh, y0, zh, x1, y1, z1)
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
