/**
 * @file How much could a better brow choice buy? (issue #10 diagnostic.) For London people (seeded subset), the
 * creator's REFINED character is rendered with every brow shape its sex may take (women: WOMEN_BROWS, as the creator
 * restricts them; men: all), and the independent judges (FaceRes, dlib) compare each render with the person's
 * SMILING photo. Printed per judge: the mean cosine to own of the creator's choice, of the best shape per person
 * (the oracle: a ceiling no photo-based choice reaches), of the average shape, and how often the creator's choice is
 * the best. Usage (repository root): npx tsx cli/scripts/brow-oracle.ts [--people 40]
 */
import { parseArgs } from 'node:util'
import { CharacterCreator } from '@facecraft/shared/create'
import { cosine, FaceAnalyzer } from '@facecraft/shared/face'
import { BROW_IDS, WOMEN_BROWS } from '@facecraft/shared/rig-v2'
import { engineParams } from '../src/commands/create-render.ts'
import { nodeModelSource } from '../src/commands/detect.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { londonPeople, seededSubset } from '../src/eval/london.ts'
import { analysePhoto, embedAll } from '../src/eval/photos.ts'

const { values: args } = parseArgs({ options: { people: { type: 'string', default: '40' } } })
const JUDGES = ['face-embedder-eval', 'face-embedder-dlib'] as const
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const creator = await CharacterCreator.createFromOptions({
  models,
  analyzer,
  skinDetail: skinDetailBasis(),
})
const engine = engineV2()
const rows: Record<string, { chosen: number; best: number; mean: number; top: number }[]> = {}
for (const j of JUDGES) rows[j] = []
for (const p of seededSubset(londonPeople(), Number(args.people), 1)) {
  const neutral = await analysePhoto(analyzer, p.neutral)
  const smiling = await embedAll(analyzer, await analysePhoto(analyzer, p.smiling), JUDGES)
  const first = (await creator.createFromFace(neutral.image, neutral.face)).character
  const { character } = await creator.refine(
    first,
    await creator.targets(neutral.image, neutral.face)
  )
  const woman = (character.sliders['who.gender'] ?? 0.5) < 0.5
  const chosen = character.styles['brows.style']!
  const scores: Record<string, Record<string, number>> = {}
  for (const brow of woman ? WOMEN_BROWS : BROW_IDS) {
    const c = { ...character, styles: { ...character.styles, 'brows.style': brow } }
    const r = engine.render(engineParams(c), 512)
    const e = await embedAll(analyzer, { image: r.image, face: r }, JUDGES)
    scores[brow] = Object.fromEntries(JUDGES.map((j) => [j, cosine(e[j]!, smiling[j]!)]))
  }
  const line: string[] = []
  for (const j of JUDGES) {
    const v = Object.values(scores).map((s) => s[j]!)
    const best = Math.max(...v)
    const row = {
      chosen: scores[chosen]![j]!,
      best,
      mean: v.reduce((a, b) => a + b, 0) / v.length,
      top: +(scores[chosen]![j]! === best),
    }
    rows[j]!.push(row)
    line.push(
      `${j} chosen ${row.chosen.toFixed(3)} best ${best.toFixed(3)} mean ${row.mean.toFixed(3)}`
    )
  }
  process.stderr.write(`${p.person} ${woman ? 'F' : 'M'} ${chosen}: ${line.join(' | ')}\n`)
}
const avg = (v: number[]) => +(v.reduce((a, b) => a + b, 0) / v.length).toFixed(4)
console.log(
  JSON.stringify(
    Object.fromEntries(
      JUDGES.map((j) => [
        j,
        {
          chosen: avg(rows[j]!.map((r) => r.chosen)),
          best: avg(rows[j]!.map((r) => r.best)),
          mean: avg(rows[j]!.map((r) => r.mean)),
          chosen_is_best: avg(rows[j]!.map((r) => r.top)),
        },
      ])
    )
  )
)
await creator.close()
await analyzer.close()
