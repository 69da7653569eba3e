/**
 * @file Which hair style reads as which gender: for TRAIN-split photos of one gender label (every 6th, at most
 * 40), the translator's character is rendered once per hair style, and FaceRes's gender head (the independent
 * judge of `eval likeness`) reads each render; prints per style how many renders agree with FaceRes on the photo
 * and the mean "female" read. Usage (repository root): npx tsx models/eval/hair-style-gender.ts [female|male]
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CharacterCreator, rigCodec } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { engineV2 } from '../../cli/src/eval/engines.ts'
import { facesDir } from '../../cli/src/eval/london.ts'

const want = process.argv[2] ?? 'female'
const index = (await readFile(join(facesDir(), 'index.csv'), 'utf8')).trim().split('\n').slice(1)
const rows = index.map((l) => l.split(','))
const photos = rows.filter((r) => r[2] === 'train' && r[6] === want).filter((_, i) => i % 6 === 0).slice(0, 40) // prettier-ignore
const creator = await CharacterCreator.createFromOptions({ models: await nodeModelSource() })
const analyzer = creator.faceAnalyzer()
const engine = engineV2()
const rig = rigCodec(2)
const STYLES = ['long', 'ponytail', 'bob', 'bob-long', 'braid', 'short']
const female: Record<string, number> = {}
const agree: Record<string, number> = {}
let n = 0
for (const r of photos) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(facesDir(), r[0]!))))
  const made = await creator.create(image).catch(() => null)
  if (!made) continue
  const photoFemale = (await analyzer.attributes(image, made.face)).female
  n++
  for (const style of ['chosen', ...STYLES]) {
    const ch = structuredClone(made.character)
    if (style !== 'chosen') ch.styles['hair.style'] = style
    const render = engine.render(
      { x: Float64Array.from(rig.toVector(ch)), styles: rig.toStyles(ch) },
      512
    )
    const face = (await analyzer.detect(render.image)).faces[0]
    const read = face ? (await analyzer.attributes(render.image, face)).female : NaN
    female[style] = (female[style] ?? 0) + (read || 0)
    agree[style] = (agree[style] ?? 0) + Number(read >= 0.5 === photoFemale >= 0.5)
  }
}
const mean = Object.fromEntries(
  Object.entries(female).map(([k, v]) => [k, Number((v / n).toFixed(3))])
)
console.log(JSON.stringify({ gender: want, photos: n, agree, mean_female: mean }, null, 1))
await creator.close()
