/**
 * @module engine/bones — the rig's bones: where each sits (its pivot), which rest-pose skin it moves (a smooth
 * weight field), and the transform a character's sliders give it.
 * Semantics follow rig/schema.ts: translate adds cm along an axis, rotate turns radians about an axis through the
 * pivot (right-hand rule), scale multiplies extent about the pivot. Paired bones are listed for the subject's
 * left (`.L`, x > 0); `.R` mirrors pivot, region, x-translation and y/z-rotations across x = 0.
 * Bones are applied in levels, finest first (lid, lip, nostril), then features, then jaw/skull/neck, then head,
 * so a coarse bone carries the already-moved detail with it.
 */
import type { Character } from '../rig/schema.ts'
import { SLIDERS } from '../rig/sliders.ts'
import { EYEBALL, FACE, smoothstep } from './anatomy.ts'

type V3 = readonly [number, number, number]

/** A bone's weight on a rest-pose skin point; 0 outside its region. */
export type Region = (x: number, y: number, z: number) => number

export interface BoneDef {
  name: string
  level: 0 | 1 | 2 | 3
  pivot: V3
  /** Weight field on the skin (left-side coordinates for paired bones). */
  region: Region
  /** Moves the eyeballs / ears rigidly (weight 1 on that part), besides its skin region. */
  carries?: 'eye' | 'ear'
}

/**
 * Smooth compact ellipsoidal falloff: 1 on the inner 40% of the radii (the feature moves rigidly), easing to 0 at
 * the radii (C1 continuous, so the skin around it stretches smoothly).
 */
export function ellipsoid(c: V3, r: V3): Region {
  return (x, y, z) => {
    const u = (x - c[0]) / r[0]
    const v = (y - c[1]) / r[1]
    const w = (z - c[2]) / r[2]
    return smoothstep(1, 0.4, Math.sqrt(u * u + v * v + w * w))
  }
}

const E: V3 = [EYEBALL.x, EYEBALL.y, EYEBALL.z]
const EAR_PIVOT: V3 = [FACE.earX, FACE.earY, FACE.earZ + 1.2]
const none: Region = () => 0
const at = (c: V3, r: V3) => ({ pivot: c, region: ellipsoid(c, r) })

/** Every bone named by a slider, with its level, pivot and region. */
export const BONES: readonly BoneDef[] = [
  { name: 'eyelid_upper', level: 0, ...at([E[0], 0.67, 8.75], [1.75, 0.55, 1.6]) },
  { name: 'eyelid_lower', level: 0, ...at([E[0], -0.28, 8.7], [1.6, 0.45, 1.6]) },
  { name: 'eye_inner', level: 0, ...at([1.73, 0.1, 8.2], [0.75, 0.7, 1.6]) },
  { name: 'eye_outer', level: 0, ...at([4.57, 0.25, 7.6], [0.85, 0.8, 1.7]) },
  { name: 'eyebag', level: 0, ...at([E[0], -1.0, 8.4], [1.6, 0.6, 1.6]) },
  { name: 'iris', level: 0, pivot: E, region: none },
  { name: 'pupil', level: 0, pivot: E, region: none },
  { name: 'brow_inner', level: 0, ...at([1.4, 1.85, 9.4], [1.0, 1.0, 2.0]) },
  { name: 'brow_mid', level: 0, ...at([3.0, 2.2, 9.2], [1.1, 1.0, 2.0]) },
  { name: 'brow_outer', level: 0, ...at([5.4, 1.9, 7.6], [1.3, 1.0, 2.6]) },
  { name: 'nose_root', level: 0, ...at([0, 0.7, 9.6], [1.3, 1.2, 2.0]) },
  { name: 'nose_bridge', level: 0, ...at([0, -1.5, 10.3], [1.25, 2.4, 2.4]) },
  { name: 'nose_hump', level: 0, ...at([0, -1.8, 10.6], [0.9, 1.3, 1.6]) },
  {
    name: 'nose_tip',
    level: 0,
    pivot: [0, -4.15, 11.5],
    region: ellipsoid([0, -4.45, 12], [1.15, 1.1, 1.8]),
  },
  { name: 'nostril', level: 0, ...at([FACE.alaX, -4.92, 10.4], [0.85, 0.75, 1.5]) },
  {
    name: 'lip_upper',
    level: 0,
    pivot: [0, -7.95, 10.2],
    region: ellipsoid([0, -7.5, 10.3], [3.0, 0.75, 1.8]),
  },
  {
    name: 'lip_lower',
    level: 0,
    pivot: [0, -8.05, 10.2],
    region: ellipsoid([0, -8.5, 10.2], [2.8, 0.8, 1.8]),
  },
  { name: 'mouth_corner', level: 0, ...at([2.55, -8.0, 9.2], [0.95, 0.95, 1.8]) },
  { name: 'lip_peak', level: 0, ...at([0.45, -7.1, 10.6], [0.55, 0.45, 1.2]) },
  { name: 'philtrum', level: 0, ...at([0, -6.5, 10.5], [0.8, 0.85, 1.2]) },
  { name: 'ear_lobe', level: 0, pivot: [FACE.earX, -3.6, FACE.earZ], region: none, carries: 'ear' },
  {
    name: 'ear_top',
    level: 0,
    pivot: [FACE.earX, 0.6, FACE.earZ - 0.4],
    region: none,
    carries: 'ear',
  },
  {
    name: 'eye',
    level: 1,
    pivot: E,
    region: ellipsoid([E[0], E[1], E[2] + 1], [2.3, 1.6, 2.2]),
    carries: 'eye',
  },
  { name: 'brow', level: 1, ...at([3.9, 2.1, 7.6], [4.5, 1.6, 4.0]) },
  {
    name: 'nose',
    level: 1,
    pivot: [0, FACE.nasionY, 9.6],
    region: ellipsoid([0, -2.8, 10.5], [2.3, 4.2, 3.2]),
  },
  { name: 'mouth', level: 1, ...at([0, FACE.stomionY, 9.9], [3.6, 1.9, 2.6]) },
  { name: 'cheekbone', level: 1, ...at([5.6, -2.2, 4.8], [2.7, 2.3, 4.6]) },
  { name: 'cheek', level: 1, ...at([4.4, -5.6, 7.0], [2.3, 2.3, 2.8]) },
  { name: 'temple', level: 1, ...at([6.2, 2.6, 4.2], [1.9, 2.3, 2.8]) },
  { name: 'brow_ridge', level: 1, ...at([0, 2.0, 9.2], [6.4, 1.6, 3.2]) },
  { name: 'jaw_angle', level: 1, ...at([5.7, -8.0, 1.5], [2.8, 3.0, 3.8]) },
  {
    name: 'chin',
    level: 1,
    pivot: [0, -10.6, 8.8],
    region: ellipsoid([0, -11.3, 9.2], [2.9, 2.1, 3.2]),
  },
  {
    name: 'forehead',
    level: 1,
    pivot: [0, 3.2, 9.3],
    region: ellipsoid([0, 5.8, 8.0], [6.8, 3.6, 4.2]),
  },
  { name: 'midface', level: 1, ...at([0, -4.2, 9.0], [6.0, 3.4, 4.5]) },
  { name: 'ear', level: 1, pivot: EAR_PIVOT, region: none, carries: 'ear' },
  {
    name: 'jaw',
    level: 2,
    pivot: [0, -5.5, 1.5],
    region: (_x, y, z) =>
      smoothstep(-4.5, -7.5, y) * smoothstep(-3, 1, z) * (1 - smoothstep(-13.5, -16, y)),
  },
  { name: 'cranium', level: 2, pivot: [0, 2, -0.8], region: (_x, y) => smoothstep(2.5, 8.5, y) },
  {
    name: 'neck',
    level: 2,
    pivot: [0, -10, -1.4],
    region: (_x, y, z) => smoothstep(-9, -14, y) * (1 - 0.5 * smoothstep(2, 6, z)),
  },
  { name: 'head', level: 3, pivot: [0, 0, 0], region: (_x, y) => 1 - smoothstep(-11, -17, y) },
]

/** Bones that are mirrored into `.L`/`.R` pairs (those any symmetric slider names). */
export const PAIRED = new Set(SLIDERS.filter((s) => s.symmetric).map((s) => s.bone))

/** A concrete bone instance: `side` 1 (left or unpaired) or -1 (right, mirrored). */
export interface BoneInstance {
  def: BoneDef
  side: 1 | -1
  /** e.g. 'eye.L', 'eye.R', 'nose' */
  id: string
}

/** Every bone instance, in application order (by level, then table order). */
export const BONE_INSTANCES: readonly BoneInstance[] = [0, 1, 2, 3].flatMap((level) =>
  BONES.filter((b) => b.level === level).flatMap((def): BoneInstance[] =>
    PAIRED.has(def.name)
      ? [
          { def, side: 1, id: `${def.name}.L` },
          { def, side: -1, id: `${def.name}.R` },
        ]
      : [{ def, side: 1, id: def.name }]
  )
)

/** The weight of a bone instance on a rest-pose skin point (mirrors the point for right-side bones). */
export function boneWeight(b: BoneInstance, x: number, y: number, z: number): number {
  return b.def.region(b.side * x, y, z)
}

/** Pose of one bone: translation (cm), rotation (radians about x, y, z) and scale, in the bone's own side frame. */
export interface BonePose {
  t: Float64Array
  r: Float64Array
  s: Float64Array
}

/** The pose each bone NAME takes for a character (left-side frame; mirrored when applied to `.R`). */
export function posesFor(c: Character): Map<string, BonePose> {
  const poses = new Map<string, BonePose>()
  for (const b of BONES) {
    poses.set(b.name, {
      t: new Float64Array(3),
      r: new Float64Array(3),
      s: Float64Array.of(1, 1, 1),
    })
  }
  for (const s of SLIDERS) {
    const pose = poses.get(s.bone)
    if (!pose)
      throw new Error(`Slider '${s.id}' names bone '${s.bone}', which the engine does not build.`)
    const v = s.min + (c.sliders[s.id] ?? s.default) * (s.max - s.min)
    const k = s.axis === 'x' ? 0 : s.axis === 'y' ? 1 : 2
    if (s.op === 'translate') pose.t[k]! += v
    else if (s.op === 'rotate') pose.r[k]! += v
    else if (s.axis === 'xyz') for (let i = 0; i < 3; i++) pose.s[i]! *= v
    else pose.s[k]! *= v
  }
  return poses
}

/**
 * Writes the 3x4 affine matrix (row-major: m[0..3] is the x row) of a bone instance's pose:
 * p' = pivot + t + Rz Ry Rx S (p - pivot), mirrored across x = 0 for right-side instances.
 */
export function poseMatrix(b: BoneInstance, pose: BonePose, m: Float64Array): Float64Array {
  const side = b.side
  const px = side * b.def.pivot[0],
    py = b.def.pivot[1],
    pz = b.def.pivot[2]
  const rx = pose.r[0]!,
    ry = side * pose.r[1]!,
    rz = side * pose.r[2]!
  const cx = Math.cos(rx),
    sx = Math.sin(rx),
    cy = Math.cos(ry),
    sy = Math.sin(ry)
  const cz = Math.cos(rz),
    sz = Math.sin(rz)
  // R = Rz * Ry * Rx
  const r00 = cz * cy,
    r01 = cz * sy * sx - sz * cx,
    r02 = cz * sy * cx + sz * sx
  const r10 = sz * cy,
    r11 = sz * sy * sx + cz * cx,
    r12 = sz * sy * cx - cz * sx
  const r20 = -sy,
    r21 = cy * sx,
    r22 = cy * cx
  const s0 = pose.s[0]!,
    s1 = pose.s[1]!,
    s2 = pose.s[2]!
  const tx = side * pose.t[0]!,
    ty = pose.t[1]!,
    tz = pose.t[2]!
  m[0] = r00 * s0
  m[1] = r01 * s1
  m[2] = r02 * s2
  m[4] = r10 * s0
  m[5] = r11 * s1
  m[6] = r12 * s2
  m[8] = r20 * s0
  m[9] = r21 * s1
  m[10] = r22 * s2
  m[3] = px + tx - (m[0] * px + m[1]! * py + m[2]! * pz)
  m[7] = py + ty - (m[4] * px + m[5]! * py + m[6]! * pz)
  m[11] = pz + tz - (m[8] * px + m[9]! * py + m[10]! * pz)
  return m
}

/** True when a pose leaves every point where it is (the bone can be skipped). */
export function isRestPose(p: BonePose): boolean {
  return (
    p.t[0] === 0 &&
    p.t[1] === 0 &&
    p.t[2] === 0 &&
    p.r[0] === 0 &&
    p.r[1] === 0 &&
    p.r[2] === 0 &&
    p.s[0] === 1 &&
    p.s[1] === 1 &&
    p.s[2] === 1
  )
}
