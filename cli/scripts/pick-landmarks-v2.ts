/**
 * @file One-off tool that picks the v2 head's landmark vertices: renders the default head and a few macro
 * variants (front view, the geometry engine's plain shader), runs the face pipeline's FaceMesh -> 68 iBUG
 * points, and for each point chooses the skin vertex whose projection lies nearest on average (front-facing
 * vertices only, except the jaw contour). Writes shared/src/engine/v2/landmark-vertices.ts (base-mesh indices,
 * so a pack rebuild does not invalidate them). Usage: npx tsx cli/scripts/pick-landmarks-v2.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { HeadAssets } from '../../shared/src/engine/v2/assets.ts'
import { EngineV2 } from '../../shared/src/engine/v2/engine.ts'
import { createLambertShader } from '../../shared/src/engine/v2/lambert.ts'
import { macroWeights, type MacroValues } from '../../shared/src/engine/v2/macro.ts'
import type { Appearance } from '../../shared/src/engine/v2/mesh-types.ts'
import { headView } from '../../shared/src/engine/v2/view.ts'
import { nodeModelSource } from '../src/commands/detect.ts'

const SIZE = 512
const root = new URL('../../', import.meta.url)
const assets = HeadAssets.fromBytes(
  new Uint8Array(readFileSync(new URL('shared/assets/head-v2/head-v2.bin', root)))
)
const zeros = new Float32Array(assets.morphCount)
const engine = new EngineV2(
  assets,
  { lips: zeros, cheeks: zeros, beard: zeros, scalp: zeros, eyes: zeros },
  new Uint32Array(0)
)
const appearance = {
  skinTone: 0.6,
  irisColor: [0.05, 0.1, 0.2],
  hairColor: [0.1, 0.06, 0.03],
  browColor: [0.08, 0.05, 0.03],
  beardColor: [0.1, 0.06, 0.03],
} as unknown as Appearance
const variants: MacroValues[] = []
for (const gender of [0.1, 0.5, 0.9])
  for (const e of [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ])
    variants.push({
      gender,
      age: 0.5,
      african: e[0]!,
      asian: e[1]!,
      caucasian: e[2]!,
      muscle: 0.5,
      weight: 0.5,
    })

const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})
const skinPoints = [...new Set(assets.skin.pointOf)].sort((a, b) => a - b)
const err = new Float64Array(68 * skinPoints.length)
let used = 0
const view = headView(0, SIZE)
for (const m of variants) {
  const weights = new Map(macroWeights(m))
  const mesh = engine.pose(weights, { hair: null, brow: 'eyebrow001', lash: 'eyelashes01' })
  const image = engine.render(mesh, appearance, createLambertShader, {
    size: SIZE,
    background: [255, 255, 255],
  })
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) {
    console.error('no face for', m)
    continue
  }
  used++
  const pos = engine.morph(weights)
  // Screen position and facing of every skin point.
  const vp = view.viewProj
  const sx = new Float64Array(assets.morphCount)
  const sy = new Float64Array(assets.morphCount)
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
  for (let k = 0; k < 68; k++) {
    const tx = face.ibug68[k * 2]!,
      ty = face.ibug68[k * 2 + 1]!
    skinPoints.forEach((p, i) => {
      // Front-facing only (normals would need the mesh; z order is enough: the face front is z > 0 here).
      const d = Math.hypot(sx[p]! - tx, sy[p]! - ty)
      err[k * skinPoints.length + i] = err[k * skinPoints.length + i]! + d
    })
  }
  void mesh
}
await analyzer.close()
// Only points on the front of the face: z above the ears' plane (the rest pose) keeps back-of-head points out.
const chosen: number[] = []
for (let k = 0; k < 68; k++) {
  let best = -1
  let bestErr = Infinity
  skinPoints.forEach((p, i) => {
    if (assets.rest[p * 3 + 2]! < 2) return
    const e = err[k * skinPoints.length + i]! / used
    if (e < bestErr) {
      bestErr = e
      best = p
    }
  })
  chosen.push(assets.baseIndex[best]!)
  console.log(k, assets.baseIndex[best], bestErr.toFixed(2))
}
writeFileSync(
  new URL('shared/src/engine/v2/landmark-vertices.ts', root),
  `/**
 * @module engine/v2/landmark-vertices — base-mesh (hm08) vertex of each of the 68 iBUG landmarks (iBUG order,
 * image left = subject's right). Picked by cli/scripts/pick-landmarks-v2.ts: the face pipeline's FaceMesh on
 * ${used} front renders of macro variants, nearest skin vertex on average. Regenerate after changing the camera.
 */
export const IBUG68_BASE_VERTICES: readonly number[] = [${chosen.join(', ')}]
`
)
