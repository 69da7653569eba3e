/**
 * @module engine/landmarks — the 68 iBUG landmarks and named extras of a posed character, in image pixels.
 * Interior points (brows, eyes, nose, mouth) are rest-pose surface points found by casting a ray along -z at a
 * face-plane position defined by the anatomy, skinned like the skin there. The jaw contour 0-16 is the
 * silhouette "as seen in the image", spaced along its length: in each of many thin wedges, the skin vertex that
 * projects farthest out in that direction.
 * iBUG order (image left = subject's right): 0-16 jaw from image left to right via the chin, 17-21 / 22-26 brows
 * (image left brow outer->inner, then image right inner->outer), 27-30 nose bridge down to the tip, 31-35 nostril
 * base left->right, 36-41 image-left eye (outer corner first, clockwise), 42-47 image-right eye (inner corner
 * first), 48-59 outer lips from the left corner, clockwise, 60-67 inner lips.
 */
import type { Mat4 } from '../math/mat4.ts'
import type { Character } from '../rig/schema.ts'
import { EYEBALL, FACE, lidMargin } from './anatomy.ts'
import { deformMesh } from './deform.ts'
import { FRONT_VIEW, project } from './front-view.ts'
import { noseOffset } from './shape.ts'
import { rotateY, type Model } from './model.ts'
import type { BaseMesh, Attach } from './mesh.ts'
import { earToHead, weightsOf, type BoneWeights } from './mesh.ts'
import { browCenterY, browHalfThickness, lipBorders } from './styles.ts'

/** Landmark positions in pixels of an image of the requested size (x right, y down, origin top-left). */
export interface CharacterLandmarks {
  /** 136 = 68 x (x, y), iBUG order. */
  ibug68: Float32Array
  /** 68 flags: 1 when the point faces the camera (the jaw contour is always 1: it is the silhouette). */
  visible: Uint8Array
  /** Named extras (subject's left = `.L`): pupils, ear tips and lobes, nose tip, chin, mouth centre. */
  named: Record<string, [x: number, y: number]>
}

/**
 * Face-plane (x, y) of iBUG points 17-67 for a brow style (index 0 = point 17), placed as the iBUG-300W
 * annotation guide defines them on this face: brows along their UPPER edge from the tail tip (17) to the head's
 * upper corner (21), evenly spaced; the nose bridge from the nasion area to the tip in equal steps; the nostril
 * base; lid margins; the lip borders; mouth corners at the commissures on the line where the lips meet.
 * `pronasaleY` is the height of the nose tip (the most forward midline point, found on the mesh).
 */
function interiorTargets(browStyle: string, pronasaleY: number): [number, number][] {
  const out: [number, number][] = []
  const brow = (s: number, side: number): [number, number] => [
    side * (FACE.browInnerX + s * (FACE.browOuterX - FACE.browInnerX)),
    // The painted brow's edge is where its coverage falls to one half: 0.92 of the half-thickness out. At the
    // tail tip the upper and lower edges meet, so the point sits halfway.
    browCenterY(browStyle, s) + (s >= 1 ? 0.5 : 0.92) * browHalfThickness(browStyle, s),
  ]
  for (const s of [1, 0.75, 0.5, 0.25, 0]) out.push(brow(s, -1))
  for (const s of [0, 0.25, 0.5, 0.75, 1]) out.push(brow(s, 1))
  const bridgeTop = 0.1 // between the eyes, at the level of the upper lid creases
  for (let k = 0; k < 4; k++) out.push([0, bridgeTop + (k / 3) * (pronasaleY - bridgeTop)])
  // Nostril base: the lateral ends under the alae (31 / 35), the nostrils' lower margins (32 / 34), subnasale (33).
  for (const x of [-FACE.alaX, -FACE.nostrilX, 0, FACE.nostrilX, FACE.alaX])
    out.push([x, x === 0 ? FACE.subnasaleY : Math.abs(x) > 1 ? -5.02 : -5.42])
  const eye = (s: number, upper: boolean, side: number): [number, number] => [
    side * (EYEBALL.x + s * EYE_HALF),
    EYEBALL.y + lidMargin(s, upper),
  ]
  // Image-left eye (subject's right, x < 0): outer corner, upper lid outer->inner, inner corner, lower inner->outer.
  out.push(eye(1, true, -1), eye(0.6, true, -1), eye(-0.25, true, -1), eye(-1, true, -1))
  out.push(eye(-0.33, false, -1), eye(0.4, false, -1))
  out.push(eye(-1, true, 1), eye(-0.25, true, 1), eye(0.6, true, 1), eye(1, true, 1))
  out.push(eye(0.4, false, 1), eye(-0.33, false, 1))
  const hw = FACE.mouthHalfWidth
  const up = (x: number): [number, number] => [x, lipBorders(x)[0]]
  const low = (x: number): [number, number] => [x, lipBorders(x)[1]]
  out.push([-hw, FACE.stomionY], up(-1.5), up(-0.8), up(0), up(0.8), up(1.5))
  out.push([hw, FACE.stomionY])
  out.push(low(1.5), low(0.6), low(0), low(-0.6), low(-1.5))
  const line = (x: number, dy: number): [number, number] => [x, FACE.stomionY + dy]
  out.push(
    line(-hw + 0.25, 0),
    line(-0.8, 0.04),
    line(0, 0.04),
    line(0.8, 0.04),
    line(hw - 0.25, 0)
  )
  out.push(line(0.8, -0.04), line(0, -0.04), line(-0.8, -0.04))
  return out
}

/** Height (cm) of the nose tip (pronasale): where the nose stands out farthest from the face under it. */
function pronasale(): number {
  let bestY: number = FACE.noseTipY
  let best = -Infinity
  for (let y = -3.5; y >= -5.2; y -= 0.02) {
    const h = noseOffset(0, y)
    if (h > best) [bestY, best] = [y, h]
  }
  return bestY
}
const EYE_HALF = 1.42
const PRONASALE_Y = pronasale()

/** Outermost rest-skin point along -z at face-plane (x, y), and the nearest skin vertex there. */
function castFront(
  mesh: BaseMesh,
  x: number,
  y: number
): { p: [number, number, number]; vertices: number[] } {
  const r = mesh.rest
  const idx = mesh.skinGrid.indices
  let best = -Infinity
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3,
      b = idx[t + 1]! * 3,
      c = idx[t + 2]! * 3
    const ax = r[a]!,
      ay = r[a + 1]!,
      bx = r[b]!,
      by = r[b + 1]!,
      cx = r[c]!,
      cy = r[c + 1]!
    const det = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay)
    if (det <= 0) continue // faces away from +z
    const l1 = ((x - ax) * (cy - ay) - (cx - ax) * (y - ay)) / det
    const l2 = ((bx - ax) * (y - ay) - (x - ax) * (by - ay)) / det
    if (l1 < 0 || l2 < 0 || l1 + l2 > 1) continue
    best = Math.max(best, r[a + 2]! + l1 * (r[b + 2]! - r[a + 2]!) + l2 * (r[c + 2]! - r[a + 2]!))
  }
  const p: [number, number, number] = [x, y, Number.isFinite(best) ? best : 0]
  // The six nearest skin vertices: their summed normals decide visibility (one vertex in a crease can face away).
  const near: [number, number][] = []
  for (let v = 0; v < mesh.skinCount; v++) {
    const d = (r[v * 3]! - p[0]) ** 2 + (r[v * 3 + 1]! - p[1]) ** 2 + (r[v * 3 + 2]! - p[2]) ** 2
    if (near.length < NEAR || d < near[NEAR - 1]![0]) {
      near.push([d, v])
      near.sort((a, b) => a[0] - b[0] || a[1] - b[1])
      if (near.length > NEAR) near.pop()
    }
  }
  return { p, vertices: near.map(([, v]) => v) }
}
const NEAR = 6

/** Contour wedge angles (radians, face plane, y up) of points 0-16 around the point (0, CONTOUR_CY). */
const CONTOUR_CY = -2.5
const contourAngle = (k: number) => ((160 + k * (110 / 8)) * Math.PI) / 180

/** Rest-pose landmark rig for one brow style: points, their weights and the vertex whose normal they use. */
export interface LandmarkRig {
  rest: Float32Array
  bones: BoneWeights[]
  names: string[]
  /** NEAR vertices per point whose summed posed normals decide visibility (-1: always visible). */
  normalVertex: Int32Array
  /** Candidate skin vertices of each silhouette wedge. */
  contour: Int32Array[]
}

export const NAMED = [
  'pupil.R',
  'pupil.L',
  'earTip.R',
  'earTip.L',
  'earLobe.R',
  'earLobe.L',
  'noseTip',
  'chin',
  'mouth',
] as const

export function buildLandmarkRig(mesh: BaseMesh, browStyle: string): LandmarkRig {
  const targets = interiorTargets(browStyle, PRONASALE_Y)
  const pts: number[] = []
  const attach: Attach[] = []
  const normalVertex: number[] = []
  for (const [x, y] of targets) {
    const hit = castFront(mesh, x, y)
    pts.push(...hit.p)
    attach.push({ kind: 'skin' })
    normalVertex.push(...hit.vertices)
  }
  const tmp = [0, 0, 0]
  for (const s of [-1, 1]) {
    pts.push(s * EYEBALL.x, EYEBALL.y, EYEBALL.z + EYEBALL.rz + 0.12)
    attach.push({ kind: 'eye', side: s })
    normalVertex.push(...new Array<number>(NEAR).fill(-1))
  }
  for (const [up, lv] of [
    [1, 3.0],
    [-1, -3.0],
  ] as const) {
    for (const s of [-1, 1]) {
      pts.push(...earToHead(0.3, lv * 0.97, -1.55, s, tmp))
      attach.push({ kind: 'ear', side: s, up })
      normalVertex.push(...new Array<number>(NEAR).fill(-1))
    }
  }
  for (const [x, y] of [
    [0, FACE.noseTipY + 0.25],
    [0, FACE.mentonY + 0.15],
    [0, FACE.stomionY],
  ] as const) {
    const hit = castFront(mesh, x, y)
    pts.push(...hit.p)
    attach.push({ kind: 'skin' })
    normalVertex.push(...hit.vertices)
  }
  const rest = Float32Array.from(pts)
  return {
    rest,
    bones: weightsOf(rest, (i) => attach[i]!),
    names: [...NAMED],
    normalVertex: Int32Array.from(normalVertex),
    contour: contourCandidates(mesh),
  }
}

/**
 * The silhouette is traced in WEDGES thin wedges (0 beside the right eye, the middle one straight down at the
 * menton), then resampled into points 0-16 evenly along its length on each side, as the iBUG guide spaces them.
 */
const WEDGES = 65
const wedgeAngle = (w: number) => ((160 + (w * 220) / (WEDGES - 1)) * Math.PI) / 180

function contourCandidates(mesh: BaseMesh): Int32Array[] {
  const r = mesh.rest
  const lists: number[][] = Array.from({ length: WEDGES }, () => [])
  const half = (110 / (WEDGES - 1)) * (Math.PI / 180) * 1.2 // a little overlap between neighbours
  for (let v = 0; v < mesh.skinCount; v++) {
    const x = r[v * 3]!
    const y = r[v * 3 + 1]!
    const z = r[v * 3 + 2]!
    const under = -12.45 + (9 - z) * (4.45 / 10.5) // the jaw's underside: below it is neck
    if (z < 0.5 || y < under + 0.2 || y > 1.5) continue
    let a = Math.atan2(y - CONTOUR_CY, x)
    if (a < wedgeAngle(0) - 0.2) a += 2 * Math.PI
    for (let w = 0; w < WEDGES; w++) {
      if (Math.abs(a - wedgeAngle(w)) < half) lists[w]!.push(v)
    }
  }
  return lists.map((l) => Int32Array.from(l))
}

/** Writes the 17 jaw points (iBUG 0-16) into out: the silhouette per wedge, resampled at equal arc length. */
function traceContour(candidates: Int32Array[], px: Float32Array, out: Float32Array): void {
  const sil = new Float64Array(WEDGES * 2)
  for (let w = 0; w < WEDGES; w++) {
    const a = wedgeAngle(w)
    const dx = Math.cos(a)
    const dy = -Math.sin(a)
    let best = -Infinity
    for (const v of candidates[w]!) {
      const d = px[v * 2]! * dx + px[v * 2 + 1]! * dy
      if (d > best) {
        best = d
        sil[w * 2] = px[v * 2]!
        sil[w * 2 + 1] = px[v * 2 + 1]!
      }
    }
  }
  const arc = new Float64Array(WEDGES)
  for (let w = 1; w < WEDGES; w++) {
    arc[w] =
      arc[w - 1]! + Math.hypot(sil[w * 2]! - sil[w * 2 - 2]!, sil[w * 2 + 1]! - sil[w * 2 - 1]!)
  }
  // Each half (ear level to the menton wedge, which points straight down) is resampled on its own, so that
  // point 8 is the menton even when the head is turned.
  const mid = (WEDGES - 1) / 2
  for (const [from, to, first] of [
    [0, mid, 0],
    [mid, WEDGES - 1, 8],
  ] as const) {
    let w = from
    for (let k = 0; k < 9; k++) {
      const target = arc[from]! + (k / 8) * (arc[to]! - arc[from]!)
      while (w < to - 1 && arc[w + 1]! < target) w++
      const span = arc[w + 1]! - arc[w]!
      const t = span > 0 ? Math.min(1, Math.max(0, (target - arc[w]!) / span)) : 0
      const o = (first + k) * 2
      out[o] = sil[w * 2]! + t * (sil[w * 2 + 2]! - sil[w * 2]!)
      out[o + 1] = sil[w * 2 + 1]! + t * (sil[w * 2 + 3]! - sil[w * 2 + 1]!)
    }
  }
}

/** Image-space direction (x right, y down) in which contour point k lies from the face centre. */
export function contourDirection(k: number): [number, number] {
  const a = contourAngle(k)
  return [Math.cos(a), -Math.sin(a)]
}

/** Pixel positions (2 floats per point) of world points in an image of `size`. */
function toPixels(vp: Mat4, pos: Float32Array, count: number, size: number): Float32Array {
  const clip = project(vp, pos, count, new Float32Array(count * 4))
  const out = new Float32Array(count * 2)
  for (let v = 0; v < count; v++) {
    const w = clip[v * 4 + 3]!
    out[v * 2] = ((clip[v * 4]! / w + 1) / 2) * size
    out[v * 2 + 1] = ((1 - clip[v * 4 + 1]! / w) / 2) * size
  }
  return out
}

/** Landmarks of a character already posed into `model` (with the same yaw) for an image of `size` pixels. */
export function computeLandmarks(
  rig: LandmarkRig,
  model: Model,
  c: Character,
  yawDeg: number,
  size: number,
  vp: Mat4
): CharacterLandmarks {
  const yaw = (yawDeg * Math.PI) / 180
  const points = deformMesh(rig, c, new Float32Array(rig.rest.length))
  rotateY(points, points, Math.cos(yaw), Math.sin(yaw))
  const px = toPixels(vp, points, rig.rest.length / 3, size)
  const ibug68 = new Float32Array(136)
  const visible = new Uint8Array(68)
  const [ex, ey, ez] = FRONT_VIEW.eye
  for (let i = 17; i < 68; i++) {
    const k = i - 17
    ibug68[i * 2] = px[k * 2]!
    ibug68[i * 2 + 1] = px[k * 2 + 1]!
    const o = rig.normalVertex[k]! * 3
    const n = model.nrm
    const facing =
      n[o]! * (ex - points[k * 3]!) +
      n[o + 1]! * (ey - points[k * 3 + 1]!) +
      n[o + 2]! * (ez - points[k * 3 + 2]!)
    visible[i] = facing > 0 ? 1 : 0
  }
  const all = toPixels(vp, model.pos, model.mesh.skinCount, size)
  traceContour(rig.contour, all, ibug68)
  visible.fill(1, 0, 17)
  const named: Record<string, [number, number]> = {}
  rig.names.forEach((name, j) => {
    const k = 51 + j
    named[name] = [px[k * 2]!, px[k * 2 + 1]!]
  })
  return { ibug68, visible, named }
}
