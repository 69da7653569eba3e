/**
 * @file Where a render's time goes, by stage (median ms over renders after a warm-up): posing (morph, proxies,
 * normals, assembly), the shader factory (textures of the appearance, per-vertex pass) and the draw (rasterising,
 * deferred shading, resolve). Usage: npx tsx cli/scripts/speed/stages.ts [grid|slider] [size=128] [renders=300]
 */
import { characterAppearance, type ShaderFactory } from '../../../shared/src/engine/v2/index.ts'
import { engineV2, lookShader } from '../../src/engine-v2.ts'
import { FACE_SLIDERS_V2, randomPlausibleCharacter } from '../../../shared/src/rig/v2/index.ts'

const [mode = 'grid', sizeArg = '128', nArg = '300'] = process.argv.slice(2)
const size = Number(sizeArg)
const n = Number(nArg)
const engine = engineV2()
let tShader = 0
const now = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const look: ShaderFactory = (m, a, v) => {
  const t = now()
  const s = lookShader(m, a, v)
  tShader = now() - t
  return s
}
const base = randomPlausibleCharacter(400)
const rows: number[][] = []
for (let i = 0; i < n + 30; i++) {
  let c = base
  if (mode === 'grid') c = randomPlausibleCharacter(i + 1)
  else {
    c = structuredClone(base)
    c.sliders[FACE_SLIDERS_V2[i % 7]!.id] = (i % 11) / 10
  }
  const t0 = now()
  const mesh = engine.pose(c)
  const t1 = now()
  engine.engine.render(mesh, characterAppearance(c), look, { size })
  const t2 = now()
  if (i >= 30) rows.push([t2 - t0, t1 - t0, tShader, t2 - t1 - tShader])
}
const med = (k: number) => {
  const v = rows.map((r) => r[k]!).sort((a, b) => a - b)
  return `${v[v.length >> 1]!.toFixed(2)} (p10 ${v[Math.floor(v.length / 10)]!.toFixed(2)})`
}
const mean = rows.reduce((s, r) => s + r[0]!, 0) / rows.length
console.log(
  `${mode} ${size}px (n=${n}): mean ${mean.toFixed(2)} | total ${med(0)} | pose ${med(1)} | shader ${med(2)} | draw ${med(3)} ms (medians of process CPU time)`
)
