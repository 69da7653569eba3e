/**
 * @file Refine's path seen on the ENGINE (not the imitator refine descends on): for each photo, the translator's
 * character x0 and the refined x1 (CharacterCreator as released, styles of the refined character), and the points
 * x0 + t (x1 - x0) between them, rendered by the engine and read by FaceRes (the independent judge: P(female),
 * identity against the set's held-out photos), by dlib as a phone could see it (refine.onnx returns the dlib
 * embedding of whatever aligned image it is fed as the photo; its sex probe models/imitator/sex-probe.json) and
 * by the creator's own gender read (gender-read.onnx on the render's features). Prints what choosing a point
 * by each phone-side read would give FaceRes (docs/likeness.md "Session 21").
 * Usage: npx tsx cli/scripts/refine-path.ts [--photos DIR] [--out FILE.json]   (London by default, ~4 min)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { CharacterCreator, DEFAULT_CREATOR_OPTIONS, rigCodec } from '@facecraft/shared/create'
import { cosine, FaceAnalyzer } from '@facecraft/shared/face'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { analysePhoto } from '../src/eval/photos.ts'
import { folderSet, londonSet } from '../src/eval/photo-sets.ts'
import { retrievalByLabel } from '../src/eval/retrieval.ts'

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const dir = arg('--photos')
const set = dir ? folderSet(dir) : londonSet()
const T = [0, 0.25, 0.5, 0.75, 1]
const RENDER_SIZE = 512 // eval likeness's
const probe = JSON.parse(
  readFileSync(new URL('../../models/imitator/sex-probe.json', import.meta.url), 'utf8')
) as { weights: number[]; bias: number }
const probeWeights = Float32Array.from(probe.weights)

const engine = engineV2()
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({
  models,
  detectorGrids: DEFAULT_CREATOR_OPTIONS.detectorGrids,
})
const creator = await CharacterCreator.createFromOptions({ models, analyzer })
const rig = rigCodec(2)

// The gallery: every person's held-out photos, by FaceRes.
const gallery: Float32Array[] = []
const labels: string[] = []
for (const p of set.people)
  for (const f of p.ranked) {
    const photo = await analysePhoto(analyzer, f).catch(() => null)
    if (!photo) continue
    gallery.push(await analyzer.embed(photo.image, photo.face, 'face-embedder-eval'))
    labels.push(p.person)
  }

interface Point {
  t: number
  /** FaceRes: P(female) (null: no face found), mean cosine to the own held-out photos, rank among the gallery
   * (eval likeness's figures: retrievalByLabel, 1 = first). */
  faceresFemale: number | null
  own: number
  rank: number
  /** dlib on the render's exact landmarks: cosine to the photo's, and the sex probe's P(male). */
  dlibCos: number
  dlibMale: number
  /** The creator's gender read of the render (null: no face found). */
  readFemale: number | null
}
const rows: { person: string; photoFemale: number; slider: number; path: Point[] }[] = []
for (const [n, p] of set.people.entries()) {
  const photo = await analysePhoto(analyzer, p.create).catch(() => null)
  if (!photo || !labels.includes(p.person)) continue
  const photoFemale = (await analyzer.attributes(photo.image, photo.face)).female
  const photoDlib = await analyzer.embed(photo.image, photo.face, 'face-embedder-dlib')
  const made = await creator.createFromFace(photo.image, photo.face)
  const refined = await creator.refine(
    made.character,
    await creator.targets(photo.image, photo.face)
  )
  const x0 = rig.toVector(made.character)
  const x1 = rig.toVector(refined.character)
  const styles = rig.toStyles(refined.character)
  const path: Point[] = []
  for (const t of T) {
    const r = engine.render(
      { x: Float64Array.from(x0, (v, k) => v + t * (x1[k]! - v)), styles },
      RENDER_SIZE
    )
    const face = (await analyzer.detect(r.image)).faces[0] ?? null
    const e = await analyzer.embed(r.image, face ?? r, 'face-embedder-eval')
    const id = retrievalByLabel([e], [p.person], gallery, labels)
    const d = await analyzer.embed(r.image, r, 'face-embedder-dlib')
    path.push({
      t,
      faceresFemale: face ? (await analyzer.attributes(r.image, face)).female : null,
      own: id.own[0]!,
      rank: id.ranks[0]!,
      dlibCos: cosine(d, photoDlib),
      // the probe reads the raw (unit) embedding: a dot product plus its bias
      dlibMale:
        1 / (1 + Math.exp(-(probe.bias + d.reduce((s, v, i) => s + v * probeWeights[i]!, 0)))),
      readFemale: face
        ? ((await creator.createFromFace(r.image, face)).gender?.female ?? null)
        : null,
    })
  }
  rows.push({ person: p.person, photoFemale, slider: x0[rig.ids.indexOf('who.gender')]!, path })
  process.stderr.write(`\r${n + 1}/${set.people.length}`)
}
process.stderr.write('\n')
const out = arg('--out')
if (out) writeFileSync(out, JSON.stringify(rows))

type Rule = (r: (typeof rows)[number]) => Point
const sexSide = (r: (typeof rows)[number], male: number) => (r.slider >= 0.5 ? male : 1 - male)
const rules: Record<string, Rule> = {
  ...Object.fromEntries(
    T.map((t) => [`t=${t}`, (r: (typeof rows)[number]) => r.path.find((q) => q.t === t)!])
  ),
  'best dlib cosine': (r) => r.path.reduce((a, b) => (b.dlibCos > a.dlibCos ? b : a)),
  'last t dlib probe on slider side': (r) =>
    [...r.path].reverse().find((q) => sexSide(r, q.dlibMale) >= 0.5) ?? r.path.at(-1)!,
  'last t gender read on slider side': (r) =>
    [...r.path]
      .reverse()
      .find((q) => q.readFemale !== null && sexSide(r, 1 - q.readFemale) >= 0.5) ?? r.path.at(-1)!,
}
for (const [name, rule] of Object.entries(rules)) {
  const picked = rows.map((r) => ({ r, q: rule(r) }))
  const mean = (f: (x: (typeof picked)[number]) => number) =>
    picked.reduce((s, x) => s + f(x), 0) / picked.length
  const agree = mean(({ r, q }) =>
    Number(q.faceresFemale !== null && q.faceresFemale >= 0.5 === r.photoFemale >= 0.5)
  )
  console.log(
    `${name.padEnd(34)} top1 ${mean(({ q }) => Number(q.rank <= 1)).toFixed(3)} top5 ${mean(({ q }) => Number(q.rank <= 5)).toFixed(3)}` +
      ` id_cos ${mean(({ q }) => q.own).toFixed(4)} gender_agree ${agree.toFixed(3)}  (n ${picked.length})`
  )
}
await analyzer.close()
