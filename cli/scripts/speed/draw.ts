/**
 * @file Draw-only timing: poses a few characters once, then renders their meshes again and again (textures
 * cached, so this is rasterising + per-vertex pass + deferred shading + resolve). Prints the min and median CPU
 * ms per draw. Usage: npx tsx cli/scripts/speed/draw.ts [size=128] [rounds=60]
 */
import { readFileSync } from 'node:fs'
import {
  characterAppearance,
  useHeadPack,
  type ShaderFactory,
} from '../../../shared/src/engine/v2/index.ts'
import { createHeadShader } from '../../../shared/src/engine/v2/look/index.ts'
import { randomPlausibleCharacter } from '../../../shared/src/rig/v2/index.ts'

const size = Number(process.argv[2] ?? 128)
const rounds = Number(process.argv[3] ?? 60)
const engine = useHeadPack(
  new Uint8Array(
    readFileSync(new URL('../../../shared/assets/head-v2/head-v2.bin', import.meta.url))
  )
)
const look = createHeadShader as unknown as ShaderFactory
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const cases = [1, 2, 3, 4].map((s) => {
  const c = randomPlausibleCharacter(s)
  const mesh = engine.pose(c)
  // A copy: the engine's last pose is replaced by the next one.
  return { mesh: { ...mesh }, a: characterAppearance(c) }
})
const t: number[] = []
for (let r = 0; r < rounds; r++) {
  for (const { mesh, a } of cases) {
    const t0 = cpu()
    engine.engine.render(mesh, a, look, { size })
    if (r >= 5) t.push(cpu() - t0)
  }
}
t.sort((a, b) => a - b)
console.log(
  `draw ${size}px: min ${t[0]!.toFixed(2)} p10 ${t[Math.floor(t.length / 10)]!.toFixed(2)} median ${t[t.length >> 1]!.toFixed(2)} ms CPU (n=${t.length})`
)
