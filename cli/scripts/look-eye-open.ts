/**
 * @file How open the eyes of random plausible characters render (issue #8): for each character (glasses off),
 * the share of each iris that the lids leave visible in a front render (visible iris samples, counted as the
 * look shader shades them, over the iris disc's projected area), and the mean. Usage:
 * npx tsx cli/scripts/look-eye-open.ts [count=40] [size=512] [override.json]
 */
import { readFileSync } from 'node:fs'
import { useHeadPack, type ShaderFactory } from '../../shared/src/engine/v2/index.ts'
import { createHeadShader, HeadShader } from '../../shared/src/engine/v2/look/index.ts'
import { inIris, irisArea } from '../../shared/src/engine/v2/iris-area.ts'
import { headView } from '../../shared/src/engine/v2/view.ts'
import { randomPlausibleCharacter } from '../../shared/src/rig/v2/index.ts'

const root = new URL('../../', import.meta.url)
const engine = useHeadPack(
  new Uint8Array(readFileSync(new URL('shared/assets/head-v2/head-v2.bin', root)))
)
const count = Number(process.argv[2] ?? 40)
const size = Number(process.argv[3] ?? 512)
const over = process.argv[4] ? JSON.parse(readFileSync(process.argv[4], 'utf8')) : {}
let visible = 0
const proto = HeadShader.prototype as unknown as { eyeAlbedo(u: number, v: number): void }
const orig = proto.eyeAlbedo
proto.eyeAlbedo = function (u: number, v: number) {
  if (inIris(u, v)) visible++
  orig.call(this, u, v)
}
const rows: number[] = []
for (let seed = 1; seed <= count; seed++) {
  const b = randomPlausibleCharacter(seed)
  const c = {
    ...b,
    sliders: { ...b.sliders, ...(over.sliders ?? {}) },
    styles: { ...b.styles, 'glasses.style': 'none', 'hair.style': 'short' },
  }
  visible = 0
  engine.render(c, { size }, createHeadShader as unknown as ShaderFactory)
  // over the iris discs' projected area, in samples
  const full = size * (size <= 384 ? 2 : 1)
  const area = irisArea(engine.pose(c), headView(0, full).viewProj, full)
  rows.push(visible / area)
  const s = c.sliders
  console.log(
    `seed ${seed} gender ${s['who.gender']!.toFixed(2)} age ${s['who.age']!.toFixed(2)} asian ${s['who.asian']!.toFixed(2)} narrow ${s['expression.eyes_narrow']!.toFixed(2)} iris visible ${(visible / area).toFixed(3)}`
  )
}
console.log(
  `mean iris visible ${(rows.reduce((a, b) => a + b, 0) / rows.length).toFixed(3)} min ${Math.min(...rows).toFixed(3)}`
)
