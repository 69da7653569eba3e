/**
 * @file Prototype look changes of the ponytail proxy (ponytail01), for cli/scripts/women-read.ts --patch: reshapes
 * the proxy's fitted rest positions and writes the change back into its .mhclo offsets (in the decoded pack, for
 * this process only). Env: VOL (cm of volume at the crown's sides), LIFT (cm of lift at the crown), BUN (1: the tail
 * wound into a bun at the back of the crown), NAPE (1: the tail gathered low at the nape, spread sideways). Measured
 * (docs/likeness.md, "Why women's characters read as men"): none lifts women's female read with a ponytail past 0.25.
 * Usage: VOL=1.5 LIFT=1.5 BUN=1 npx tsx cli/scripts/women-read.ts --patch cli/scripts/women-read-ponytail.ts
 *   --variants 'styles:hair.style=ponytail'
 */
import { fitProxy } from '../../shared/src/engine/v2/assets.ts'
import { engineV2 } from '../src/engine-v2.ts'

const A = engineV2().assets
const p = A.proxy('ponytail01')
const P = fitProxy(p, A.rest, 10, new Float32Array(p.points * 3))
const s = p.scale.map(
  ([a, b, size], axis) => Math.abs(A.rest[a * 3 + axis]! - A.rest[b * 3 + axis]!) / (size * 10)
)
const NAPE = Number(process.env.NAPE ?? 0)
const VOL = Number(process.env.VOL ?? 0),
  LIFT = Number(process.env.LIFT ?? 0),
  BUN = Number(process.env.BUN ?? 0)
const ss = (a: number, b: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)))
  return t * t * (3 - 2 * t)
}
for (let i = 0; i < p.points; i++) {
  let [x, y, z] = [P[i * 3]!, P[i * 3 + 1]!, P[i * 3 + 2]!]
  const tail = y < 2 && z < -7
  if (!tail) {
    // volume: sides pushed out above the ears, the crown lifted
    const up = ss(-2, 6, y)
    x += Math.sign(x) * VOL * up * Math.min(1, Math.abs(x) / 4)
    y += LIFT * ss(4, 12, y) * (1 - Math.min(1, Math.abs(x) / 8))
  } else if (NAPE) {
    // tail gathered low at the nape, spread sideways so it shows beside the neck from the front
    const t = Math.min(1, Math.max(0, (2 - y) / 28)) // 0 at the tie, 1 at the tip
    const k = Math.sin(Math.PI * Math.min(1, t * 1.6))
    x = x * (1 + NAPE * k) + Math.sign(x || 1) * NAPE * 2.5 * k
    y = 2 - t * 14
    z = Math.max(z, -12) + 3 * k
  } else if (BUN) {
    // tail gathered into a bun at the back of the crown
    const t = Math.min(1, (2 - y) / 28)
    const ang = t * Math.PI * 6
    const r = 3.2 * Math.sqrt(1 - (2 * t - 1) ** 2)
    const cx = 0,
      cy = 9,
      cz = -11
    x = cx + r * Math.cos(ang + z)
    y = cy + r * Math.sin(ang + z) * 0.9
    z = cz + (x - cx) * 0.2 - Math.abs(r) * 0.3
  }
  p.offsets[i * 3] = p.offsets[i * 3]! + (x - P[i * 3]!) / (s[0]! * 10)
  p.offsets[i * 3 + 1] = p.offsets[i * 3 + 1]! + (y - P[i * 3 + 1]!) / (s[1]! * 10)
  p.offsets[i * 3 + 2] = p.offsets[i * 3 + 2]! + (z - P[i * 3 + 2]!) / (s[2]! * 10)
}
