/**
 * @file How open the eyes of random plausible characters render (issue #8): for each character (glasses off),
 * the share of each iris that the lids leave visible in a front render (visible iris samples, counted as the
 * look shader shades them, over the iris disc's projected area), and the mean. Usage:
 * npx tsx cli/scripts/look-eye-open.ts [count=40] [size=512] [override.json]
 */
import { readFileSync } from 'node:fs'
import { useHeadPack, type ShaderFactory, MATERIAL } from '../../shared/src/engine/v2/index.ts'
import { createHeadShader, HeadShader } from '../../shared/src/engine/v2/look/index.ts'
import { IRIS_CENTERS, LIMBUS_UV } from '../../shared/src/engine/v2/look/eye.ts'
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
  for (const c of IRIS_CENTERS) if ((u - c[0]) ** 2 + (v - c[1]) ** 2 < LIMBUS_UV ** 2) visible++
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
  // The iris discs' projected area (front-facing eyeball triangles inside the limbus), in samples.
  const mesh = engine.pose(c)
  const full = size * (size <= 384 ? 2 : 1)
  const m = headView(0, full).viewProj
  const P = mesh.positions
  const uv = mesh.uvs
  const scr = (v: number) => {
    const x = P[v * 3]!,
      y = P[v * 3 + 1]!,
      z = P[v * 3 + 2]!
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
    return [
      (((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w + 1) * full) / 2,
      (((m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w + 1) * full) / 2,
    ]
  }
  let area = 0
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (mesh.material[t] !== MATERIAL.eyeball) continue
    const [a, bb, cc] = [0, 1, 2].map((k) => mesh.indices[t * 3 + k]!)
    const u = (uv[a! * 2]! + uv[bb! * 2]! + uv[cc! * 2]!) / 3
    const v = (uv[a! * 2 + 1]! + uv[bb! * 2 + 1]! + uv[cc! * 2 + 1]!) / 3
    if (!IRIS_CENTERS.some((c) => (u - c[0]) ** 2 + (v - c[1]) ** 2 < LIMBUS_UV ** 2)) continue
    const [p0, p1, p2] = [scr(a!), scr(bb!), scr(cc!)]
    const s =
      ((p1![0]! - p0![0]!) * (p2![1]! - p0![1]!) - (p2![0]! - p0![0]!) * (p1![1]! - p0![1]!)) / 2
    if (s > 0) area += s
  }
  rows.push(visible / area)
  const s = c.sliders
  console.log(
    `seed ${seed} gender ${s['who.gender']!.toFixed(2)} age ${s['who.age']!.toFixed(2)} asian ${s['who.asian']!.toFixed(2)} narrow ${s['expression.eyes_narrow']!.toFixed(2)} iris visible ${(visible / area).toFixed(3)}`
  )
}
console.log(
  `mean iris visible ${(rows.reduce((a, b) => a + b, 0) / rows.length).toFixed(3)} min ${Math.min(...rows).toFixed(3)}`
)
