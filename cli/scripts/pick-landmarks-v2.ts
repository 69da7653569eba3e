/**
 * @file One-off tool that picks the v2 head's landmark vertices: renders plausible characters (seeds 1001-1096,
 * disjoint from the eval's 1-300) front-on at 256 px with the look layer's shader, runs the face pipeline's
 * FaceMesh -> 68 iBUG points, and for each point chooses the skin vertex whose projection lies nearest on
 * average (error / inter-ocular distance; vertices on the front of the head only). Writes
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
const chosen: number[] = []
const perPoint: number[] = []
let total = 0
for (let k = 0; k < 68; k++) {
  let best = -1
  let bestErr = Infinity
  skinPoints.forEach((p, j) => {
    if (assets.rest[p * 3 + 2]! < 2) return // the back of the head is never a landmark
    const e = err[k * skinPoints.length + j]! / used
    if (e < bestErr) {
      bestErr = e
      best = p
    }
  })
  chosen.push(assets.baseIndex[best]!)
  total += bestErr
  perPoint.push(bestErr)
}
console.log(perPoint.map((e, k) => `${k}:${e.toFixed(3)}`).join(' '))
console.log(
  `${used}/${COUNT} renders detected; mean error of the chosen vertices ${(total / 68).toFixed(4)} IOD`
)
writeFileSync(
  new URL('shared/src/engine/v2/landmark-vertices.ts', root),
  `/**
 * @module engine/v2/landmark-vertices — base-mesh (hm08) vertex of each of the 68 iBUG landmarks (iBUG order,
 * image left = subject's right). Picked by cli/scripts/pick-landmarks-v2.ts: the face pipeline's FaceMesh on
 * ${used} front renders of plausible characters, nearest skin vertex on average (mean ${(total / 68).toFixed(4)} of the
 * inter-ocular distance). Regenerate after changing the camera, the mesh region or the look.
 */
export const IBUG68_BASE_VERTICES: readonly number[] = [${chosen.join(', ')}]
`
)
