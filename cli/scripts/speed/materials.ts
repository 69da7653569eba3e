/**
 * @file Where a draw's time goes by material: renders posed heads with the look shader through the engine's own
 * draw paths (deferred depth pass per material run, hair cards per triangle with deferred coverage, bound
 * triangles, DRAW_NONE skipped, the mouth's hidden chunks skipped) and times each run, the shading of the
 * survivors and the resolve (wall ms per draw, means). It mirrors EngineV2.render's loop: keep them in step.
 * Usage: npx tsx cli/scripts/speed/materials.ts [draw|grid] [renders=400]
 *   draw: four posed characters drawn again and again; grid: a different plausible character each time (with
 *   the pose and the shader's set-up timed too).
 */
import { readFileSync } from 'node:fs'
import { characterAppearance, useHeadPack } from '../../../shared/src/engine/v2/index.ts'
import { createHeadShader } from '../../../shared/src/engine/v2/look/index.ts'
import { MATERIAL } from '../../../shared/src/engine/v2/mesh-types.ts'
import { headView } from '../../../shared/src/engine/v2/view.ts'
import { randomPlausibleCharacter } from '../../../shared/src/rig/v2/index.ts'
import { mat4 } from '../../../shared/src/math/index.ts'
import { clearTarget, createTarget, resolveImage } from '../../../shared/src/render/index.ts'
import * as R from '../../../shared/src/render/rasterize.ts'

const engine = useHeadPack(
  new Uint8Array(
    readFileSync(new URL('../../../shared/assets/head-v2/head-v2.bin', import.meta.url))
  )
)
const grid = process.argv[2] === 'grid'
const N = Number(process.argv[3] ?? 400)
const cases = [1, 2, 3, 4].map((s) => {
  const c = randomPlausibleCharacter(s)
  return { mesh: { ...engine.pose(c) }, a: characterAppearance(c) }
})
const FULL = 256
const target = createTarget(FULL, FULL)
const vis = R.createVisibility(FULL * FULL)
const projected = R.createProjected()
const names = Object.fromEntries(Object.entries(MATERIAL).map(([k, v]) => [v, k]))
const acc: Record<string, number> = {}
let last = 0
const lap = (k: string) => {
  const t = performance.now()
  acc[k] = (acc[k] ?? 0) + t - last
  last = t
}
for (let r = 0; r < N + 20; r++) {
  if (r === 20) for (const k in acc) acc[k] = 0
  last = performance.now()
  let mesh = cases[r % 4]!.mesh
  let a = cases[r % 4]!.a
  if (grid) {
    const c = randomPlausibleCharacter(r + 1)
    mesh = engine.pose(c)
    a = characterAppearance(c)
    lap('pose')
  }
  clearTarget(target)
  lap('clear')
  const shader = (createHeadShader as unknown as (...x: unknown[]) => R.IndexedShader)(
    mesh,
    a,
    headView(0, FULL, undefined, 0)
  )
  lap('shader set-up')
  const screen = mat4.viewport(mat4.create(), FULL, FULL)
  const p = R.projectVertices(shader.clip4, mesh.vertexCount, screen, projected)
  lap('projection')
  const I = mesh.indices
  const M = mesh.material
  const paths = shader.drawPaths!
  const T = mesh.triangleCount
  for (let t = 0; t < T; t++) {
    const m = M[t]!
    let end = t + 1
    while (end < T && M[end] === m) end++
    const path = paths[m]
    if (path === R.DRAW_DEFERRED) {
      if (m === MATERIAL.teeth || m === MATERIAL.tongue) {
        for (let c = t; c < end; c += 16) {
          const e = Math.min(end, c + 16)
          if (!R.runOccluded(target, p, I, c, e)) R.rasterizeDeferredRun(target, p, I, c, e, vis)
        }
      } else R.rasterizeDeferredRun(target, p, I, t, end, vis)
    } else if (path === R.DRAW_PER_TRIANGLE) {
      for (let u = t; u < end; u++) {
        const i0 = I[u * 3]!,
          i1 = I[u * 3 + 1]!,
          i2 = I[u * 3 + 2]!
        const x0 = p.sx[i0]!,
          y0 = p.sy[i0]!
        const area = (p.sx[i1]! - x0) * (p.sy[i2]! - y0) - (p.sx[i2]! - x0) * (p.sy[i1]! - y0)
        if (!(p.front[i0] && p.front[i1] && p.front[i2] && area > 0.01))
          R.rasterize(u, shader, target, screen, vis, true)
      }
    } else if (path !== R.DRAW_NONE) {
      for (let u = t; u < end; u++) {
        shader.bind(u)
        R.rasterizeProjected(shader, target, p, I[u * 3]!, I[u * 3 + 1]!, I[u * 3 + 2]!, vis)
      }
    }
    lap(`draw ${names[m] ?? m}`)
    t = end - 1
  }
  R.shadeDeferred(shader, target, vis)
  lap('deferred shading')
  resolveImage(target.color, FULL, FULL, 2, null)
  lap('resolve')
}
let total = 0
for (const [k, v] of Object.entries(acc)) {
  total += v
  console.log(k.padEnd(18), (v / N).toFixed(3))
}
console.log(
  'total'.padEnd(18),
  (total / N).toFixed(3),
  `ms per ${grid ? 'render' : 'draw'} (wall, mean of ${N})`
)
