/**
 * @module engine/v2/masks — soft skin-region masks per skin render vertex, built once from the REST head and
 * its landmark vertices (so they follow every morph): lips inside the outer lip contour, cheek apples,
 * the beard area, the scalp and the eye surroundings. Shapes are smoothsteps of distances in cm.
 */
import type { HeadAssets } from './assets.ts'
import type { LandmarkRigV2 } from './landmarks.ts'
import type { SkinMasks } from './mesh-types.ts'

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/** Signed distance (cm, negative inside) of (x, y) to a closed polygon (pairs), by edges and crossing count. */
function polygonDistance(poly: number[], x: number, y: number): number {
  let inside = false
  let best = Infinity
  const n = poly.length / 2
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = poly[i * 2]!,
      yi = poly[i * 2 + 1]!,
      xj = poly[j * 2]!,
      yj = poly[j * 2 + 1]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    const dx = xj - xi,
      dy = yj - yi
    const t = Math.max(0, Math.min(1, ((x - xi) * dx + (y - yi) * dy) / (dx * dx + dy * dy || 1)))
    best = Math.min(best, Math.hypot(x - xi - t * dx, y - yi - t * dy))
  }
  return inside ? -best : best
}

/** Builds the skin masks (one value per skin render vertex). */
export function buildSkinMasks(assets: HeadAssets, rig: LandmarkRigV2): SkinMasks {
  const R = assets.rest
  const pointOf = assets.skin.pointOf
  const V = pointOf.length
  const lm = (k: number) => {
    const p = rig.ibug[k]! * 3
    return [R[p]!, R[p + 1]!, R[p + 2]!] as const
  }
  const lipPoly: number[] = []
  for (let k = 48; k < 60; k++) lipPoly.push(lm(k)[0], lm(k)[1])
  const eyeC = [36, 42].map((s) => {
    const c = [0, 0, 0]
    for (let k = s; k < s + 6; k++) for (let a = 0; a < 3; a++) c[a]! += lm(k)[a]! / 6
    return c
  })
  const noseBase = lm(33)
  const chin = lm(8)
  const browTop = Math.max(lm(19)[1], lm(24)[1])
  const jawHalf = Math.abs(lm(2)[0] - lm(14)[0]) / 2
  const mouthZ = lm(51)[2]
  // The jaw line y(x) from the contour landmarks 0-16 (sorted by x), for the beard's lower edge.
  const jaw = Array.from({ length: 17 }, (_, k) => lm(k)).sort((a, b) => a[0] - b[0])
  const jawY = (x: number) => {
    if (x <= jaw[0]![0]) return jaw[0]![1]
    for (let k = 1; k < jaw.length; k++) {
      const a = jaw[k - 1]!,
        b = jaw[k]!
      if (x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / Math.max(1e-6, b[0] - a[0])
    }
    return jaw[jaw.length - 1]![1]
  }
  const masks: SkinMasks = {
    lips: new Float32Array(V),
    cheeks: new Float32Array(V),
    beard: new Float32Array(V),
    scalp: new Float32Array(V),
    eyes: new Float32Array(V),
  }
  for (let i = 0; i < V; i++) {
    const p = pointOf[i]! * 3
    const x = R[p]!,
      y = R[p + 1]!,
      z = R[p + 2]!
    // Lips: inside the outer contour, only on the front (not the mouth cavity behind).
    const front = smooth(mouthZ - 1.6, mouthZ - 0.8, z)
    masks.lips[i] = (1 - smooth(-0.05, 0.15, polygonDistance(lipPoly, x, y))) * front
    // Cheek apples: a soft disc below each eye, toward the side.
    let cheek = 0
    for (const c of eyeC) {
      const d = Math.hypot(x - c[0]! * 1.05, y - (noseBase[1] + 0.6))
      cheek = Math.max(cheek, 1 - smooth(0.8, 2.4, d))
    }
    masks.cheeks[i] = cheek * smooth(-1, 1.5, z)
    // Eyes: the lids and sockets.
    let eye = 0
    for (const c of eyeC) {
      const d = Math.hypot((x - c[0]!) * 0.8, y - c[1]!)
      eye = Math.max(eye, 1 - smooth(1.0, 2.0, d))
    }
    masks.eyes[i] = eye * smooth(-1, 1.5, z)
    // Beard: below the cheekbones and nose base, down to under the chin, in front of the ears; not the lips.
    const belowCheek = 1 - smooth(noseBase[1] - 0.2, noseBase[1] + 1.2, y + Math.abs(x) * 0.35)
    // Down to a little under the jaw line (more under the chin than at the jaw angles), not down the neck.
    const under = 1.2 + 1.3 * (1 - smooth(0, jawHalf, Math.abs(x)))
    const aboveNeck = smooth(jawY(x) - under - 0.8, jawY(x) - under, y)
    const beforeEars =
      smooth(-2.5, -0.5, z) * (1 - smooth(jawHalf + 0.6, jawHalf + 1.6, Math.abs(x)))
    masks.beard[i] = belowCheek * aboveNeck * beforeEars * (1 - masks.lips[i]!)
    // Scalp: above the forehead hairline (brow top + 4.5 cm), and the back of the head above the nape.
    const hairline = smooth(browTop + 4, browTop + 5, y + Math.max(0, -z) * 0.6)
    const sides =
      smooth(-3, -1, -z) *
      smooth(chin[1] + 4, chin[1] + 7, y) *
      smooth(4, 6, Math.abs(x) + Math.max(0, -z))
    masks.scalp[i] = Math.max(hairline, sides)
  }
  return masks
}
