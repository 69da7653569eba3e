/**
 * @file Probe of the face prior's spread (tuning aid, TRAIN photos only): renders COUNT plausible characters
 * with the face redrawn at each spread given, and reports FaceRes render_cluster_cos (between renders) and the
 * gap to the Canada train photos (render-photo minus photo-photo mean FaceRes cosine), MobileFace spread, and a
 * sheet per spread in models/.work/prior/. The published figures come from `facecraft eval engine`.
 * Usage: nice -n 10 npx tsx cli/scripts/prior-v2/probe.ts 1 1.5 2
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { decodeImage } from '@facecraft/shared/decode'
import { encodePng } from '@facecraft/shared/image'
import { createImage, type RgbaImage } from '../../../shared/src/image/types.ts'
import {
  FACE_PRIOR_KEYS,
  FACE_SLIDERS_V2,
  FACE_PRIOR_RANK,
  faceSlidersFromLatent,
  randomPlausibleCharacter,
} from '@facecraft/shared/rig-v2'
import { createRng, gaussian } from '../../../shared/src/utils/random.ts'
import { nodeModelSource } from '../../src/commands/detect.ts'
import { meanPairs } from '../../src/eval/engine2.ts'
import { engineV2, lookShader } from '../../src/engine-v2.ts'
import { facesDir, readIndex } from '../../src/eval/london.ts'

const COUNT = Number(process.env.COUNT ?? 48)
const spreads = process.argv.slice(2).map(Number)
const engine = engineV2()
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})
const dir = facesDir()
const photos: Float32Array[] = []
// Canada (studio, neutral) plus the first near-frontal Pixabay portraits (every background), train only.
const frontal = new Set(
  (
    JSON.parse(readFileSync('models/.work/prior/train-faces.json', 'utf8')) as {
      file: string
      set: string
      pose: { yaw: number; pitch: number }
    }[]
  )
    .filter((f) => f.set === 'pixabay' && Math.abs(f.pose.yaw) < 12 && Math.abs(f.pose.pitch) < 12)
    .slice(0, 80)
    .map((f) => f.file)
)
for (const r of readIndex(dir).filter((r) => r.set === 'canada' || frontal.has(r.file))) {
  const { image } = decodeImage(new Uint8Array(readFileSync(join(dir, r.file))))
  const f = (await analyzer.detect(image)).faces[0]
  if (f) photos.push(await analyzer.embed(image, f, 'face-embedder-eval'))
}
const pairs = (a: Float32Array[], b?: Float32Array[]) => meanPairs(a, b)!
const pp = pairs(photos)
function grid(tiles: RgbaImage[], cols: number): RgbaImage {
  const s = tiles[0]!.width
  const out = createImage(s * cols, s * Math.ceil(tiles.length / cols))
  tiles.forEach((t, i) => {
    const ox = (i % cols) * s
    const oy = Math.floor(i / cols) * s
    for (let y = 0; y < s; y++)
      out.data.set(t.data.subarray(y * s * 4, (y + 1) * s * 4), ((oy + y) * out.width + ox) * 4)
  })
  return out
}
for (const spread of spreads) {
  const fr: Float32Array[] = []
  const mf: Float32Array[] = []
  const tiles: RgbaImage[] = []
  for (let i = 0; i < COUNT; i++) {
    const c = randomPlausibleCharacter(i + 1)
    if (spread === -2) {
      // The previous prior (for comparison): independent draws at sd 1.5 half-ranges, pairs shared.
      const rng = createRng(777 + i)
      const shared = new Map<string, number>()
      for (const s of FACE_SLIDERS_V2) {
        if (!s.low) continue
        const key = s.id.replace(/^face\.[lr]-/, 'face.')
        if (!shared.has(key)) shared.set(key, 1.5 * gaussian(rng))
        c.sliders[s.id] = Math.min(
          1,
          Math.max(
            0,
            0.5 + 0.5 * Math.max(-1, Math.min(1, shared.get(key)! + 0.05 * gaussian(rng)))
          )
        )
      }
    } else if (spread >= 0) {
      const rng = createRng(777 + i)
      const z = Array.from({ length: FACE_PRIOR_RANK }, () => gaussian(rng))
      const d = Array.from({ length: FACE_PRIOR_KEYS }, () => gaussian(rng))
      faceSlidersFromLatent(z, c.sliders, d, spread)
    }
    const o = JSON.parse(process.env.OVERRIDE ?? '{}') as {
      sliders?: object
      colors?: object
      styles?: object
    }
    Object.assign(c.sliders, o.sliders)
    Object.assign(c.colors, o.colors)
    Object.assign(c.styles, o.styles)
    const bg = JSON.parse(process.env.BG ?? '[255,255,255]') as [number, number, number]
    // Knobs for experiments: GLASSES=p puts glasses on a further share p of people; SHIRT=1 paints the body
    // below the jaw a white shirt's colour (what photos show there), to see what the bare shoulders cost.
    const extra = Number(process.env.GLASSES ?? 0)
    if (extra && c.styles['glasses.style'] === 'none' && createRng(99 + i)() < extra)
      c.styles['glasses.style'] = ['round', 'rectangular', 'wide'][i % 3]!
    const image = engine.render(c, { size: 256, background: bg }, lookShader)
    if (process.env.SHIRT) {
      const lm = engine.landmarks(c, { size: 256 }).ibug68
      const chin = lm[17]!
      const below = chin + 0.35 * (chin - lm[55]!) // a little under the jaw: the neck's base
      for (let y = Math.ceil(below); y < 256; y++)
        for (let x = 0; x < 256; x++) {
          const o = (y * 256 + x) * 4
          const d = image.data
          if (d[o] === bg[0] && d[o + 1] === bg[1] && d[o + 2] === bg[2]) continue
          d[o] = 228
          d[o + 1] = 228
          d[o + 2] = 226
        }
    }
    if (i < 16) tiles.push(engine.render(c, { size: 160, background: [232, 232, 232] }, lookShader))
    const f = (await analyzer.detect(image)).faces[0]
    if (!f) continue
    fr.push(await analyzer.embed(image, f, 'face-embedder-eval'))
    mf.push(await analyzer.embed(image, f))
  }
  writeFileSync(`models/.work/prior/sheet-${spread}.png`, encodePng(grid(tiles, 4)))
  console.log(
    JSON.stringify({
      spread,
      render_cluster_cos: +pairs(fr).toFixed(4),
      train_gap_cos: +(pairs(fr, photos) - pp).toFixed(4),
      identity_spread_cos: +pairs(mf).toFixed(4),
    })
  )
}
await analyzer.close()
