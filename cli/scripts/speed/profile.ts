/**
 * @file Render-time probe for engine v2 (run under `node --cpu-prof` to see where the time goes):
 * `grid` renders a different plausible character each time (a phone's thumbnail grid, the bench's pattern),
 * `slider` renders one character while a face slider moves (an editor). Prints median ms per render.
 * Usage: npx tsx cli/scripts/speed/profile.ts [grid|slider] [size=128] [renders=300]
 */
import { engineV2, lookShader } from '../../src/engine-v2.ts'
import { FACE_SLIDERS_V2, randomPlausibleCharacter } from '../../../shared/src/rig/v2/index.ts'

const [mode = 'grid', sizeArg = '128', nArg = '300'] = process.argv.slice(2)
const size = Number(sizeArg)
const n = Number(nArg)
const engine = engineV2()
const look = lookShader
const base = randomPlausibleCharacter(400)
const times: number[] = []
for (let i = 0; i < n; i++) {
  let c = base
  if (mode === 'grid') c = randomPlausibleCharacter(i + 1)
  else {
    c = structuredClone(base)
    c.sliders[FACE_SLIDERS_V2[i % 7]!.id] = (i % 11) / 10
  }
  const t = performance.now()
  engine.render(c, { size }, look)
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
const warm = times.slice(0)
console.log(
  `${mode} ${size}px: median ${warm[warm.length >> 1]!.toFixed(2)} ms, p10 ${warm[Math.floor(n * 0.1)]!.toFixed(2)}, p90 ${warm[Math.floor(n * 0.9)]!.toFixed(2)} (n=${n})`
)
