/**
 * @module engine/shape — the rest-pose skin surface as a function of direction from the head origin.
 * The skull, the face block and the neck are signed-distance shapes joined by smooth unions; a ray from the
 * origin finds the outermost crossing, then facial features (brow ridge, nose, lips, chin...) displace it along
 * the ray, and the eyelids are the skin pushed just over the eyeball, cut open along the palpebral fissure.
 */
import { EYEBALL, FACE, bump, lidMargin, piecewise, smoothstep } from './anatomy.ts'

const sq = (x: number) => x * x

function ellipsoidSdf(
  x: number,
  y: number,
  z: number,
  cx: number,
  cy: number,
  cz: number,
  rx: number,
  ry: number,
  rz: number
): number {
  const k0 = Math.hypot((x - cx) / rx, (y - cy) / ry, (z - cz) / rz)
  const k1 = Math.hypot((x - cx) / (rx * rx), (y - cy) / (ry * ry), (z - cz) / (rz * rz))
  return k1 > 0 ? (k0 * (k0 - 1)) / k1 : -Math.min(rx, ry, rz)
}

/** Polynomial smooth minimum (iq): a union that blends over distance k. */
function smin(a: number, b: number, k: number): number {
  const h = Math.max(k - Math.abs(a - b), 0) / k
  return Math.min(a, b) - h * h * k * 0.25
}

// Face block cross-sections by height: half-width and midline front depth (cm).
const FACE_Y = [-13.2, -12.5, -11.5, -10, -8.5, -7, -5, -2.5, -1, 1, 3, 5.5]
const FACE_W = [1.6, 3.0, 4.2, 5.3, 6.0, 6.4, 6.8, 7.05, 7.15, 7.15, 7.0, 6.5]
const FACE_F = [6.8, 8.5, 9.5, 9.2, 9.5, 9.75, 9.7, 9.35, 9.15, 9.5, 9.7, 9.2]

function faceSdf(x: number, y: number, z: number): number {
  const hw = piecewise(FACE_Y, FACE_W, y)
  const front = piecewise(FACE_Y, FACE_F, y)
  const back = -3
  const zc = (front + back) / 2
  const d = (front - back) / 2
  const rho = Math.hypot(x / hw, (z - zc) / d)
  const cross = (rho - 1) * Math.min(hw, d)
  // Jaw underside: a plane rising from the chin (y -12.45, z 9) back to the jaw angles (y -8, z -1.5).
  const lineY = -12.45 + (9 - z) * (4.45 / 10.5)
  const under = (lineY - y) * 0.92
  return Math.max(cross, under, y - 5.5)
}

function neckSdf(x: number, y: number, z: number): number {
  const cz = -1.4 - 0.1 * (y + 10) // the neck leans forward as it goes down
  // An adult neck is about 11 cm wide and 11 cm deep. It ends in a clean, rounded cut above the collarbones
  // (a bust), inside the frame: the skin is a radius map from the head origin, and the neck seen from there is
  // almost edge-on, so shoulders or a flare could not be drawn without folds.
  const r = Math.hypot(x / 5.4, (z - cz) / 5.3)
  const side = (r - 1) * 5.3
  const bottom = NECK_CUT - y
  // Smooth maximum (rounded rim) of the side and the cut.
  const h = Math.max(1.2 - Math.abs(side - bottom), 0) / 1.2
  return Math.max(Math.max(side, bottom) + h * h * 0.3, y + 2)
}

/** Height (cm) of the neck's cut-off plane. */
export const NECK_CUT = -19.5

/** Signed distance (approximate, cm) to the featureless head: negative inside. */
export function baseSdf(x: number, y: number, z: number): number {
  const skull = ellipsoidSdf(x, y, z, 0, 2.0, -0.8, 7.7, 10.0, 10.2)
  const head = smin(skull, faceSdf(x, y, z), 2.2)
  return smin(head, neckSdf(x, y, z), 3.0)
}

/** Distance along unit direction d from the origin to the outermost crossing of the featureless head. */
export function baseRadius(dx: number, dy: number, dz: number): number {
  let t = 40
  // Rays toward the neck graze it: a coarse march would step over thin outer slivers and leave ridges.
  const step = dy < -0.55 ? 0.2 : 0.5
  while (t > 0 && baseSdf(dx * t, dy * t, dz * t) > 0) t -= step // march inward from outside
  let lo = t
  let hi = t + step
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2
    if (baseSdf(dx * mid, dy * mid, dz * mid) > 0) hi = mid
    else lo = mid
  }
  return (lo + hi) / 2
}

/** Radial displacement (cm, outward) of the facial features at base-surface point (x, y, z). */
export function featureOffset(x: number, y: number, z: number): number {
  const front = smoothstep(1.5, 6, z)
  if (front === 0) return 0
  const ax = Math.abs(x)
  let h = 0
  h += 0.45 * Math.exp(-sq((y - FACE.browY + 0.1) / 0.9)) * Math.exp(-sq(sq(x / 5.2))) // brow ridge
  h -= 0.25 * bump(x, y, 0, 0.5, 1.0, 0.6) // nasion
  h -= 0.75 * bump(ax, y, EYEBALL.x, EYEBALL.y, 1.9, 1.4) // eye sockets
  h += 0.4 * bump(ax, y, FACE.cheekboneX, FACE.cheekboneY, 1.8, 1.5) // cheekbones
  h -= 0.2 * bump(ax, y, 6.3, 2.3, 1.2, 1.8) // temples
  h += noseOffset(x, y)
  h += mouthOffset(x, y, ax)
  h += 0.55 * bump(x, y, 0, FACE.chinY, 1.6, 1.0) // chin
  // Cheek fat pads: broad and overlapping the cheekbones, so the cheek is one smooth volume from the cheekbone
  // down to the jaw (a valley between the two read as a gaunt crease across the face).
  h += 0.32 * bump(ax, y, 3.9, -4.5, 1.9, 1.9)
  return h * front
}

/** The nose's outward displacement (cm) over the featureless face at face-plane (x, y). */
export function noseOffset(x: number, y: number): number {
  const ax = Math.abs(x)
  let h: number
  let w: number
  if (y > FACE.nasionY) {
    h = 0.35 * Math.exp(-sq((y - FACE.nasionY) / 0.8))
    w = 0.62
  } else if (y > FACE.noseTipY) {
    const s = (FACE.nasionY - y) / (FACE.nasionY - FACE.noseTipY)
    h = 0.35 + 2.45 * Math.pow(s, 1.6)
    w = 0.62 + 0.38 * s * s
  } else {
    const t = Math.min(1, (FACE.noseTipY - y) / (FACE.noseTipY - FACE.subnasaleY))
    h = 2.8 * Math.sqrt(Math.max(0, 1 - t * t))
    w = 1.0 - 0.2 * t
  }
  let n = h * Math.exp(-sq(sq(x / w)) * 0.8)
  n += 0.32 * bump(x, y, 0, FACE.noseTipY + 0.25, 0.75, 0.7) // tip bulb
  n += 0.95 * bump(ax, y, FACE.alaX, FACE.alaY, 0.62, 0.6) // alae
  n -= 0.35 * bump(ax, y, FACE.nostrilX, FACE.nostrilY, 0.3, 0.2) // nostrils
  return n
}

function mouthOffset(x: number, y: number, ax: number): number {
  const across = (w: number) => Math.exp(-Math.pow(ax / w, 6))
  // The lips' volumes follow their vermilion: each is fullest at the middle and thins and closes in toward the
  // commissure, where both meet on the line between the lips (no lip bulge runs on past the mouth corners).
  const q = Math.max(0, 1 - sq(ax / FACE.mouthHalfWidth))
  const upperY = FACE.stomionY + 0.45 * Math.pow(q, 0.55)
  const lowerY = FACE.stomionY - 0.45 * Math.pow(q, 0.7)
  const taper = Math.pow(q, 0.3)
  let h = 0
  h += 0.55 * taper * Math.exp(-sq((y - upperY) / (0.18 + 0.2 * taper))) // upper lip
  h += 0.6 * taper * Math.exp(-sq((y - lowerY) / (0.2 + 0.22 * taper))) // lower lip
  h -= 0.5 * Math.exp(-sq((y - FACE.stomionY) / 0.1)) * across(2.55) // the line where the lips meet
  h -= 0.25 * bump(ax, y, 2.6, FACE.stomionY, 0.3, 0.3) // mouth corners
  h += 0.22 * bump(ax, y, 0.42, -6.5, 0.2, 0.55) - 0.08 * bump(x, y, 0, -6.5, 0.2, 0.5) // philtrum
  h -= 0.35 * bump(x, y, 0, -9.75, 1.8, 0.45) // mentolabial sulcus
  return h
}

/** Far intersection of the ray t * d (t > 0) with the left or right eyeball, or NaN when it misses. */
export function eyeballExit(dx: number, dy: number, dz: number, side: 1 | -1): number {
  const ex = (side * EYEBALL.x) / EYEBALL.rx
  const ey = EYEBALL.y / EYEBALL.ry
  const ez = EYEBALL.z / EYEBALL.rz
  const ux = dx / EYEBALL.rx
  const uy = dy / EYEBALL.ry
  const uz = dz / EYEBALL.rz
  const a = ux * ux + uy * uy + uz * uz
  const b = -2 * (ux * ex + uy * ey + uz * ez)
  const c = ex * ex + ey * ey + ez * ez - 1
  const disc = b * b - 4 * a * c
  return disc < 0 ? NaN : (-b + Math.sqrt(disc)) / (2 * a)
}

/** How far inside the eye opening (cm, > 0 inside) the face-plane point (x, y) is; negative outside. */
export function openingDepth(x: number, y: number): number {
  const s = (Math.abs(x) - EYEBALL.x) / 1.42
  if (Math.abs(s) >= 1) return -1
  const v = y - EYEBALL.y
  return Math.min(lidMargin(s, true) - v, v - lidMargin(s, false))
}

/** Final rest-pose skin radius along unit direction d (the lids wrap the eyeballs; the fissure is cut open). */
export function skinRadius(dx: number, dy: number, dz: number): number {
  const r0 = baseRadius(dx, dy, dz)
  const x = dx * r0
  const y = dy * r0
  const z = dz * r0
  let r = r0 + featureOffset(x, y, z)
  const side = x >= 0 ? 1 : -1
  const exit = eyeballExit(dx, dy, dz, side)
  if (!Number.isNaN(exit)) {
    const lidded = Math.max(r, exit + 0.13) // lids cover the eyeball wherever it would poke through
    const open = smoothstep(-0.015, 0.05, openingDepth(x, y))
    r = lidded + (Math.min(r, exit - 0.45) - lidded) * open
  }
  return r
}
