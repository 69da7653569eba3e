/**
 * @file What each of the creator's photo reads does on `eval likeness`'s synthetic set (held-out renders of known
 * characters, the same seeds, size and independent recognisers): translator retrieval_top1 (each INDEPENDENT
 * recogniser, and their mean: eval likeness's figure)
 * with every read, with each read switched off, with none, and with the hair read split into its colour and its
 * cut. Renders are not photos: a read that costs here may still pay on photos (check London with `eval likeness`).
 * Usage: npx tsx cli/scripts/synthetic-reads.ts [N=100] [VARIANT...]   (about a minute per variant at N = 100)
 */
import {
  CharacterCreator,
  DEFAULT_CREATOR_OPTIONS,
  rigCodec,
  type CharacterCreatorOptions,
} from '@facecraft/shared/create'
import { FaceAnalyzer, type Face } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { INDEPENDENT, SYNTHETIC_SEED } from '../src/eval/likeness.ts'
import { embedAll } from '../src/eval/photos.ts'
import { retrieval } from '../src/eval/retrieval.ts'

const N = Number(process.argv[2] ?? 100)
const only = process.argv.slice(3)
const SIZE = 512 // eval likeness RENDER_SIZE
const HAIR_COLOURS = ['hair.color', 'hair.red', 'hair.grey']
type Options = Omit<CharacterCreatorOptions, 'models' | 'analyzer'>
/** Creator options of each variant; `cut` / `colour`: the hair read's colour or cut only (the other the translator's). */
const VARIANTS: Record<string, { options: Options; hair?: 'cut' | 'colour' }> = {
  all: { options: {} },
  'no-gender': { options: { readGender: false } },
  'no-hair': { options: { measureHair: false } },
  'hair-colour-only': { options: {}, hair: 'colour' },
  'hair-cut-only': { options: {}, hair: 'cut' },
  'no-skin': { options: { measureSkin: false } },
  'no-iris': { options: { measureIris: false } },
  'no-facial-hair': { options: { measureFacialHair: false } },
  none: {
    options: {
      readGender: false,
      measureHair: false,
      measureSkin: false,
      measureIris: false,
      measureFacialHair: false,
    },
  },
}

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({
  models,
  detectorGrids: DEFAULT_CREATOR_OPTIONS.detectorGrids,
}) // as eval likeness
const engine = engineV2()
const rig = rigCodec(2)
const targets: { image: RgbaImage; face: Face; emb: Record<string, Float32Array> }[] = []
for (let i = 0; i < N; i++) {
  const r = engine.render(engine.random(SYNTHETIC_SEED + i), SIZE)
  const face = (await analyzer.detect(r.image)).faces[0]
  if (face)
    targets.push({
      image: r.image,
      face,
      emb: await embedAll(analyzer, { image: r.image, face: r }, INDEPENDENT),
    })
}
const withoutHair = await CharacterCreator.createFromOptions({
  models,
  analyzer,
  measureHair: false,
})
for (const [name, v] of Object.entries(VARIANTS)) {
  if (only.length && !only.includes(name)) continue
  const creator = await CharacterCreator.createFromOptions({ models, analyzer, ...v.options })
  const predicted: Record<string, Float32Array>[] = []
  for (const t of targets) {
    let c: Character = (await creator.createFromFace(t.image, t.face)).character
    if (v.hair) {
      const plain = (await withoutHair.createFromFace(t.image, t.face)).character
      c = structuredClone(c)
      if (v.hair === 'colour') c.styles['hair.style'] = plain.styles['hair.style']!
      else for (const id of HAIR_COLOURS) c.colors[id] = plain.colors[id]!
    }
    const r = engine.render(
      { x: Float64Array.from(rig.toVector(c)), styles: rig.toStyles(c) },
      SIZE
    )
    predicted.push(await embedAll(analyzer, { image: r.image, face: r }, INDEPENDENT))
  }
  const top1 = INDEPENDENT.map(
    (id) =>
      retrieval(
        predicted.map((e) => e[id]!),
        targets.map((e) => e.emb[id]!)
      ).top1
  )
  console.log(
    `${name.padEnd(17)} retrieval_top1 ${INDEPENDENT.map((id, k) => `${id} ${top1[k]!.toFixed(3)}`).join(', ')}, mean ${(top1.reduce((a, b) => a + b, 0) / top1.length).toFixed(3)}`
  )
  await creator.close()
}
await withoutHair.close()
await analyzer.close()
