/**
 * @file Where brows sit and how open eyes are, in real TRAIN photos and in renders (tuning aid for the look,
 * issue #8): the detector's 68 points of each face, brow points 17-26 as height above the line through the eye
 * centres (in inter-ocular distances, outer corners; + = up) and eye opening (upper to lower lid, same unit),
 * averaged over left/right. Photos: the first N canada + pixabay train photos (never London). Renders: the first N
 * plausible characters at 256 px (as `eval engine` renders them).
 * Usage: nice -n 10 npx tsx cli/scripts/look-brow-geometry.ts [N]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { decodeImage } from '@facecraft/shared/decode'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import type { RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2, facesDir, lookShader } from '../src/engine-v2.ts'

const N = Number(process.argv[2] ?? 40)
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})

/** Brow heights (5 points medial->lateral: 21..17 mirrored with 22..26) and eye opening, IOD units. */
async function measure(img: RgbaImage): Promise<number[] | null> {
  const f = (await analyzer.detect(img)).faces[0]
  if (!f) return null
  const p = f.ibug68
  const P = (i: number) => [p[i * 2]!, p[i * 2 + 1]!] as const
  const eye = (a: number) => {
    let x = 0,
      y = 0
    for (let i = a; i < a + 6; i++) {
      x += P(i)[0] / 6
      y += P(i)[1] / 6
    }
    return [x, y] as const
  }
  const L = eye(36),
    R = eye(42)
  const iod = Math.hypot(P(45)[0] - P(36)[0], P(45)[1] - P(36)[1])
  // Unit vectors: along the eye line (ux, uy) and up (perpendicular).
  const dx = R[0] - L[0],
    dy = R[1] - L[1],
    d = Math.hypot(dx, dy)
  const ux = dx / d,
    uy = dy / d
  const up = (q: readonly [number, number], c: readonly [number, number]) =>
    -((q[0] - c[0]) * -uy + (q[1] - c[1]) * ux) / iod
  const out: number[] = []
  // medial -> lateral: right-image brow 21..17 against eye 36, other 22..26 against eye 42
  for (let k = 0; k < 5; k++) out.push((up(P(21 - k), L) + up(P(22 + k), R)) / 2)
  const open = (a: number, b: number, c: number, e: number) =>
    (Math.hypot(P(a)[0] - P(e)[0], P(a)[1] - P(e)[1]) +
      Math.hypot(P(b)[0] - P(c)[0], P(b)[1] - P(c)[1])) /
    2 /
    iod
  out.push((open(37, 38, 40, 41) + open(43, 44, 46, 47)) / 2)
  return out
}
function report(name: string, rows: number[][]) {
  const m = rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length)
  console.log(
    `${name.padEnd(10)} n ${rows.length}  brow medial->lateral ${m
      .slice(0, 5)
      .map((v) => v.toFixed(3))
      .join(' ')}  tilt(lat-med) ${(m[4]! - m[0]!).toFixed(3)}  eye open ${m[5]!.toFixed(3)}`
  )
}
if (process.env.PHOTOS !== '0') {
  const dir = facesDir()!
  const lines = readFileSync(join(dir, 'index.csv'), 'utf8').trim().split('\n').slice(1)
  for (const set of ['canada', 'pixabay']) {
    const rows: number[][] = []
    for (const l of lines) {
      const [file, s, split] = l.split(',')
      if (s !== set || split !== 'train' || rows.length >= N) continue
      const r = await measure(decodeImage(new Uint8Array(readFileSync(join(dir, file!)))).image)
      if (r) rows.push(r)
    }
    report(set, rows)
  }
}
const engine = engineV2()
const rows: number[][] = []
for (let seed = 1; rows.length < N; seed++) {
  const c = randomPlausibleCharacter(seed)
  const r = await measure(engine.render(c, { size: 256, background: [232, 232, 232] }, lookShader))
  if (r) rows.push(r)
}
report('renders', rows)
await analyzer.close()
