/**
 * @file Would random skin detail make the editor's random people more varied and more like photos? (issue #8's
 * render_cluster_cos and photo_gap_cos, measured as `eval engine` does: FaceRes, white background, 256 px.)
 * Renders N plausible characters (seeds 1..N) three ways: without detail, with the basis mean alone (weights 0),
 * and with weights drawn N(0, s^2) per component (the basis's own Gaussian model; seeded), and reads FaceRes:
 * the mean cosine between different renders (render_cluster_cos; real people ~0.41) and between renders and the
 * London neutral photos minus the photos' own mean (photo_gap_cos).
 * Usage (repository root): npx tsx cli/scripts/detail-random.ts [--n 60] [--spread 1]
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImage } from '@facecraft/shared/decode'
import { SKIN_DETAIL_COUNT, SKIN_DETAIL_LIMIT, SKIN_DETAIL_VERSION } from '@facecraft/shared/detail'
import { cosine, FaceAnalyzer } from '@facecraft/shared/face'
import type { Character } from '@facecraft/shared/rig'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { createRng, gaussian } from '@facecraft/shared/utils'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2, lookShader } from '../src/engine-v2.ts'
import { facesDir } from '../src/eval/london.ts'

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '60' }, spread: { type: 'string', default: '1' } },
})
const n = Number(args.n)
const spread = Number(args.spread)
const engine = engineV2()
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})

const variants: Record<string, (c: Character, seed: number) => Character> = {
  none: (c) => c,
  mean: (c) => ({
    ...c,
    detail: { basis: SKIN_DETAIL_VERSION, weights: Array(SKIN_DETAIL_COUNT).fill(0) },
  }),
  random: (c, seed) => {
    const rng = createRng(seed * 7907 + 13)
    const weights = Array.from({ length: SKIN_DETAIL_COUNT }, () =>
      Math.max(-SKIN_DETAIL_LIMIT, Math.min(SKIN_DETAIL_LIMIT, spread * gaussian(rng)))
    )
    return { ...c, detail: { basis: SKIN_DETAIL_VERSION, weights } }
  },
}

const photos: Float32Array[] = []
const london = join(facesDir(), 'london', 'neutral')
for (const f of readdirSync(london)
  .filter((f) => f.endsWith('.jpg'))
  .sort()) {
  const { image } = decodeImage(new Uint8Array(readFileSync(join(london, f))))
  const face = (await analyzer.detect(image)).faces[0]
  if (face) photos.push(await analyzer.embed(image, face, 'face-embedder-eval'))
}
const meanPairs = (a: Float32Array[], b?: Float32Array[]) => {
  let s = 0
  let k = 0
  for (let i = 0; i < a.length; i++)
    for (let j = b ? 0 : i + 1; j < (b ?? a).length; j++) {
      s += cosine(a[i]!, (b ?? a)[j]!)
      k++
    }
  return s / k
}
const photoPhoto = meanPairs(photos)
console.log(`| variant | render_cluster_cos | photo_gap_cos | renders read |`)
console.log(`| --- | --- | --- | --- |`)
for (const [name, make] of Object.entries(variants)) {
  const embs: Float32Array[] = []
  for (let seed = 1; seed <= n; seed++) {
    process.stderr.write(`\r${name} ${seed}/${n}`)
    const c = make(randomPlausibleCharacter(seed), seed)
    const image = engine.render(c, { size: 256, background: [255, 255, 255] }, lookShader)
    const face = (await analyzer.detect(image)).faces[0]
    if (face) embs.push(await analyzer.embed(image, face, 'face-embedder-eval'))
  }
  process.stderr.write('\n')
  const cluster = meanPairs(embs)
  const gap = meanPairs(embs, photos) - photoPhoto
  console.log(
    `| ${name}${name === 'random' ? ` (sd ${spread})` : ''} | ${cluster.toFixed(4)} | ${gap.toFixed(4)} | ${embs.length} |`
  )
}
await analyzer.close()
