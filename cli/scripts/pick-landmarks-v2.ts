/**
 * @file One-off tool that picks the v2 head's landmark vertices: renders plausible characters (seeds 1001-1096,
 * disjoint from the eval's 1-300) front-on at 256 px with the look layer's shader, runs the face pipeline's
 * FaceMesh -> 68 iBUG points, and for each point chooses the skin vertex (or blend of two) whose projection
 * lies nearest on average (error / inter-ocular distance; vertices on the front of the head only). Writes
 * shared/src/engine/v2/landmark-vertices.ts as base-mesh indices (a pack rebuild keeps them valid).
 * Usage: npx tsx cli/scripts/pick-landmarks-v2.ts && npx prettier --write shared/src/engine/v2/landmark-vertices.ts
 */
import { writeFileSync } from 'node:fs'
import { characterWeights, headView } from '@facecraft/shared/engine-v2'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2, lookShader } from '../src/engine-v2.ts'

const SIZE = 256
const COUNT = 96
const root = new URL('../../', import.meta.url)
const engine = engineV2()
const assets = engine.assets
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})
const skinPoints = [...new Set(assets.skin.pointOf)].sort((a, b) => a - b)
const err = new Float64Array(68 * skinPoints.length)
let used = 0
// Per detected render: screen x, y of every morph vertex, the detector's 68 points and its eye distance.
const screens: Float32Array[] = []
const truths: Float32Array[] = []
const iods: number[] = []
const vp = headView(0, SIZE).viewProj
const sx = new Float64Array(assets.morphCount)
const sy = new Float64Array(assets.morphCount)
for (let i = 0; i < COUNT; i++) {
  const c = randomPlausibleCharacter(1001 + i)
  const image = engine.render(c, { size: SIZE, background: [255, 255, 255] }, lookShader)
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) continue
  used++
  const pos = engine.engine.morph(characterWeights(c))
  for (const p of skinPoints) {
    const x = pos[p * 3]!,
      y = pos[p * 3 + 1]!,
      z = pos[p * 3 + 2]!
    const cx = vp[0]! * x + vp[4]! * y + vp[8]! * z + vp[12]!
    const cy = vp[1]! * x + vp[5]! * y + vp[9]! * z + vp[13]!
    const cw = vp[3]! * x + vp[7]! * y + vp[11]! * z + vp[15]!
    sx[p] = ((cx / cw + 1) / 2) * SIZE
    sy[p] = ((1 - cy / cw) / 2) * SIZE
  }
  const t = face.ibug68
  const iod = Math.hypot(t[90]! - t[72]!, t[91]! - t[73]!)
  const screen = new Float32Array(assets.morphCount * 2)
  for (const p of skinPoints) {
    screen[p * 2] = sx[p]!
    screen[p * 2 + 1] = sy[p]!
  }
  screens.push(screen)
  truths.push(Float32Array.from(t))
  iods.push(iod)
  for (let k = 0; k < 68; k++) {
    const tx = t[k * 2]!,
      ty = t[k * 2 + 1]!
    skinPoints.forEach((p, j) => {
      const o = k * skinPoints.length + j
      err[o] = err[o]! + Math.hypot(sx[p]! - tx, sy[p]! - ty) / iod
    })
  }
}
await analyzer.close()
// Each point is a vertex or a blend of two (a point between vertices follows the mesh as well): the best
// single vertex, or the best pair among the 24 best singles at weights 1/4, 1/2, 3/4.
const WEIGHTS = [0.25, 0.5, 0.75]
const chosen: [number, number, number][] = []
const perPoint: number[] = []
let total = 0
for (let k = 0; k < 68; k++) {
  const singles = skinPoints
    .map((p, j) => [p, err[k * skinPoints.length + j]! / used] as const)
    .filter(([p]) => assets.rest[p * 3 + 2]! >= 2) // the back of the head is never a landmark
    .sort((a, b) => a[1] - b[1])
  let best: [number, number, number] = [singles[0]![0], singles[0]![0], 0]
  let bestErr = singles[0]![1]
  const top = singles.slice(0, 24).map(([p]) => p)
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const a = top[i]!,
        b = top[j]!
      for (const w of WEIGHTS) {
        let e = 0
        for (let r = 0; r < screens.length; r++) {
          const S = screens[r]!
          const x = (1 - w) * S[a * 2]! + w * S[b * 2]!
          const y = (1 - w) * S[a * 2 + 1]! + w * S[b * 2 + 1]!
          e += Math.hypot(x - truths[r]![k * 2]!, y - truths[r]![k * 2 + 1]!) / iods[r]!
        }
        e /= screens.length
        if (e < bestErr) {
          bestErr = e
          best = [a, b, w]
        }
      }
    }
  }
  chosen.push([assets.baseIndex[best[0]]!, assets.baseIndex[best[1]]!, best[2]])
  total += bestErr
  perPoint.push(bestErr)
}
console.log(perPoint.map((e, k) => `${k}:${e.toFixed(3)}`).join(' '))
console.log(
  `${used}/${COUNT} renders detected; mean error of the chosen points ${(total / 68).toFixed(4)} IOD`
)
writeFileSync(
  new URL('shared/src/engine/v2/landmark-vertices.ts', root),
  `/**
 * @module engine/v2/landmark-vertices — where each of the 68 iBUG landmarks sits on the head (iBUG order, image
 * left = subject's right): [a, b, w] = the point (1 - w) x vertex a + w x vertex b, base-mesh (hm08) indices
 * (w = 0: vertex a alone). Picked by cli/scripts/pick-landmarks-v2.ts: the face pipeline's FaceMesh on ${used}
 * front renders of plausible characters, nearest vertex or blend of two on average (mean
 * ${(total / 68).toFixed(4)} of the inter-ocular distance). Regenerate after changing the camera, mesh region or look.
 */
export const IBUG68_POINTS: readonly (readonly [a: number, b: number, w: number])[] = [
${chosen.map((c) => `  [${c.join(', ')}],`).join('\n')}
]
`
)
