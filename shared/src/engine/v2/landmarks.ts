/**
 * @module engine/v2/landmarks — the 68 iBUG landmarks and v1's named extras from MESH VERTICES of the posed v2
 * head: each iBUG point is one skin vertex (engine/v2/landmark-vertices, picked with the face pipeline on
 * front renders), so landmarks follow every morph exactly. Named extras: pupils (the eye proxy points at the
 * iris centres), ear tips and lobes (highest/lowest ear vertices of the rest head), nose tip, chin, mouth.
 * iBUG order: image left = subject's right (see engine/landmarks for the full description).
 */
import type { HeadAssets } from './assets.ts'
import { EYE_IRIS_UV } from './head-mesh.ts'
import { IBUG68_POINTS } from './landmark-vertices.ts'
import type { HeadMesh, HeadView } from './mesh-types.ts'

/** Landmarks in pixels of an image of the requested size (same shape as v1's CharacterLandmarks). */
export interface CharacterLandmarksV2 {
  /** 136 = 68 x (x, y), iBUG order. */
  ibug68: Float32Array
  /** 68 flags: 1 when the point faces the camera (the jaw contour 0-16 always 1). */
  visible: Uint8Array
  /** Named extras (subject's left = `.L`): pupils, ear tips and lobes, nose tip, chin, mouth centre. */
  named: Record<string, [x: number, y: number]>
}

/** The vertical axis landmarks face out from lies this far behind the model origin (cm): the face's centre
 * of curvature is behind the ears' line. */
const RADIAL_CENTRE_BACK = 2

/** Where each landmark lives, resolved once per asset pack. */
export interface LandmarkRigV2 {
  /** Main morph vertex of each iBUG point (a), the second one (b) and b's weight: the point is
   * (1 - w) x a + w x b. */
  ibug: Uint32Array
  ibugB: Uint32Array
  ibugW: Float32Array
  /** Skin render vertex of each iBUG point (for its normal). */
  render: Uint32Array
  /** Morph vertices of ear tip R, ear tip L, ear lobe R, ear lobe L, nose tip. */
  extras: Uint32Array
  /** Eye proxy points at the iris centres: subject's right, left. */
  pupils: [number, number]
}

/** Resolves landmark vertices for an asset pack. */
export function buildLandmarkRigV2(assets: HeadAssets): LandmarkRigV2 {
  const ibug = Uint32Array.from(IBUG68_POINTS, ([a]) => assets.morphOf(a))
  const ibugB = Uint32Array.from(IBUG68_POINTS, ([, b]) => assets.morphOf(b))
  const ibugW = Float32Array.from(IBUG68_POINTS, ([, , w]) => w)
  const firstRender = new Map<number, number>()
  assets.skin.pointOf.forEach((p, i) => {
    if (!firstRender.has(p)) firstRender.set(p, i)
  })
  const render = Uint32Array.from(ibug, (m) => firstRender.get(m)!)
  const R = assets.rest
  // Ears: skin points that stand out beyond the skull's side (|x| > 7.6 cm; the head is ~7.5 cm half wide
  // at the temples) between the brow and the jaw, around the ear line (-4 < z < 1.5 cm).
  const extras = [-1, -1, -1, -1, -1]
  const best = [-Infinity, -Infinity, Infinity, Infinity, -Infinity]
  for (const p of firstRender.keys()) {
    const x = R[p * 3]!,
      y = R[p * 3 + 1]!,
      z = R[p * 3 + 2]!
    if (Math.abs(x) > 7.6 && y > -7 && y < 4 && z > -4 && z < 1.5) {
      const side = x < 0 ? 0 : 1
      if (y > best[side]!) {
        best[side] = y
        extras[side] = p
      }
      if (y < best[2 + side]!) {
        best[2 + side] = y
        extras[2 + side] = p
      }
    }
    if (Math.abs(x) < 0.4 && z > best[4]!) {
      best[4] = z
      extras[4] = p
    }
  }
  // Pupils: the eye proxy point whose uv is nearest each iris centre; the side from its x.
  const eyes = assets.proxy('eyes')
  const pupils: number[] = []
  for (const [cu, cv] of EYE_IRIS_UV) {
    let bi = 0
    let bd = Infinity
    for (let i = 0; i < eyes.pointOf.length; i++) {
      const d = (eyes.uvs[i * 2]! - cu) ** 2 + (eyes.uvs[i * 2 + 1]! - cv) ** 2
      if (d < bd) {
        bd = d
        bi = eyes.pointOf[i]!
      }
    }
    pupils.push(bi)
  }
  const xOf = (point: number) => R[eyes.refs[point * 3]! * 3]! // the point's first reference vertex tells the side
  pupils.sort((a, b) => xOf(a) - xOf(b))
  return {
    ibug,
    ibugB,
    ibugW,
    render,
    extras: Int32ToU32(extras),
    pupils: [pupils[0]!, pupils[1]!],
  }
}

function Int32ToU32(a: number[]): Uint32Array {
  if (a.some((x) => x < 0)) throw new Error('Landmark extras not found on the head mesh.')
  return Uint32Array.from(a)
}

/**
 * Landmarks of a posed head: `pos` the morphed positions (cm), `eyePoints` the fitted eye proxy points, `mesh`
 * the posed mesh (its normals decide visibility), `view` the camera (with the head's yaw), `size` in pixels.
 */
export function computeLandmarksV2(
  rig: LandmarkRigV2,
  pos: Float32Array,
  eyePoints: Float32Array,
  mesh: HeadMesh,
  view: HeadView,
  size: number
): CharacterLandmarksV2 {
  const m = view.viewProj
  const toPx = (x: number, y: number, z: number, out: number[]) => {
    const cx = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!
    const cy = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!
    const cw = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
    out[0] = ((cx / cw + 1) / 2) * size
    out[1] = ((1 - cy / cw) / 2) * size
    return out
  }
  const tmp = [0, 0]
  const ibug68 = new Float32Array(136)
  const visible = new Uint8Array(68)
  const [ex, , ez] = view.eye
  for (let k = 0; k < 68; k++) {
    const p = rig.ibug[k]! * 3
    const q = rig.ibugB[k]! * 3
    const w = rig.ibugW[k]!
    const x = (1 - w) * pos[p]! + w * pos[q]!,
      y = (1 - w) * pos[p + 1]! + w * pos[q + 1]!,
      z = (1 - w) * pos[p + 2]! + w * pos[q + 2]!
    toPx(x, y, z, tmp)
    ibug68[k * 2] = tmp[0]!
    ibug68[k * 2 + 1] = tmp[1]!
    // Facing by the HORIZONTAL direction from the head's vertical axis (x = z = 0) to the point, not the vertex
    // normal: landmarks sit on creases (lid margins, the lip line) where normals point into the crease, and
    // iBUG marks points hidden only when the head turns them away.
    const rx = x,
      rz = z + RADIAL_CENTRE_BACK
    const cx = ex - x,
      cz = ez - z
    const facing =
      (rx * cx + rz * cz) / (Math.sqrt(rx * rx + rz * rz) * Math.sqrt(cx * cx + cz * cz) || 1)
    visible[k] = k <= 16 || facing > 0.1 ? 1 : 0
  }
  const named: Record<string, [number, number]> = {}
  const at = (P: Float32Array, i: number): [number, number] => {
    const o = i * 3
    const [x, y] = toPx(P[o]!, P[o + 1]!, P[o + 2]!, [0, 0])
    return [x!, y!]
  }
  named['pupil.R'] = at(eyePoints, rig.pupils[0])
  named['pupil.L'] = at(eyePoints, rig.pupils[1])
  named['earTip.R'] = at(pos, rig.extras[0]!)
  named['earTip.L'] = at(pos, rig.extras[1]!)
  named['earLobe.R'] = at(pos, rig.extras[2]!)
  named['earLobe.L'] = at(pos, rig.extras[3]!)
  named['noseTip'] = at(pos, rig.extras[4]!)
  named['chin'] = [ibug68[16]!, ibug68[17]!]
  named['mouth'] = [(ibug68[124]! + ibug68[132]!) / 2, (ibug68[125]! + ibug68[133]!) / 2]
  return { ibug68, visible, named }
}
