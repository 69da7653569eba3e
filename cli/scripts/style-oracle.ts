/**
 * @file How much could a better choice of one style buy? (issue #10 diagnostic.) For London people (seeded subset),
 * the creator's REFINED character is rendered with every option of style group `--group` (default brows.style) that
 * its sex may take (brows: women WOMEN_BROWS, as the creator restricts them, men all; other groups: every option), and
 * the independent judges (FaceRes, dlib) compare each render with the person's SMILING photo. Printed per judge: the
 * mean cosine to own of the creator's choice, of the best option per person (the oracle: a ceiling no photo-based
 * choice reaches), of the average option, how often the creator's choice is the best, and of the option MobileFace
 * and dlib (the recognisers a creator may use, weighted as refine weighs them) like best on the render against the
 * NEUTRAL photo (`picked`: what a render-based choice would give); per person (stderr) each
 * option's FaceRes cosine. Usage (repository root):
 *   npx tsx cli/scripts/style-oracle.ts [--people 40] [--group brows.style|hair.style|...]
 */
import { parseArgs } from 'node:util'
import { CharacterCreator, TERM_WEIGHTS } from '@facecraft/shared/create'
import { cosine, FaceAnalyzer } from '@facecraft/shared/face'
import { STYLES_V2, WOMEN_BROWS } from '@facecraft/shared/rig-v2'
import { engineParams } from '../src/commands/create-render.ts'
import { nodeModelSource } from '../src/commands/detect.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { londonPeople, seededSubset } from '../src/eval/london.ts'
import { analysePhoto, embedAll } from '../src/eval/photos.ts'

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '40' },
    group: { type: 'string', default: 'brows.style' },
  },
})
const group = STYLES_V2.find((s) => s.id === args.group)
if (!group)
  throw new Error(
    `--group ${args.group}: not a style group; one of ${STYLES_V2.map((s) => s.id).join(', ')}`
  )
const OPTIONS = group.options.map((o) => o.id)
const JUDGES = ['face-embedder-eval', 'face-embedder-dlib'] as const
/** The recognisers the creator may choose by (never the judge FaceRes), weighted as refine's terms. */
const CHOOSERS = {
  'face-embedder': TERM_WEIGHTS.identity!,
  'face-embedder-dlib': TERM_WEIGHTS.dlib!,
} as const
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const creator = await CharacterCreator.createFromOptions({
  models,
  analyzer,
  skinDetail: skinDetailBasis(),
})
const engine = engineV2()
const rows: Record<
  string,
  { chosen: number; best: number; mean: number; top: number; picked: number }[]
> = {}
for (const j of JUDGES) rows[j] = []
for (const p of seededSubset(londonPeople(), Number(args.people), 1)) {
  const neutral = await analysePhoto(analyzer, p.neutral)
  const smiling = await embedAll(analyzer, await analysePhoto(analyzer, p.smiling), JUDGES)
  const own = await embedAll(analyzer, neutral, Object.keys(CHOOSERS) as (keyof typeof CHOOSERS)[])
  const first = (await creator.createFromFace(neutral.image, neutral.face)).character
  const { character } = await creator.refine(
    first,
    await creator.targets(neutral.image, neutral.face)
  )
  const woman = (character.sliders['who.gender'] ?? 0.5) < 0.5
  const chosen = character.styles[group.id]!
  const scores: Record<string, Record<string, number>> = {}
  // the option the training recognisers like best on the real render against the NEUTRAL photo (what a creator
  // could choose by)
  const choice: Record<string, number> = {}
  const options = woman && group.id === 'brows.style' ? WOMEN_BROWS : OPTIONS
  for (const option of options) {
    const c = { ...character, styles: { ...character.styles, [group.id]: option } }
    const r = engine.render(engineParams(c), 512)
    const e = await embedAll(analyzer, { image: r.image, face: r }, [...JUDGES, 'face-embedder'])
    scores[option] = Object.fromEntries(JUDGES.map((j) => [j, cosine(e[j]!, smiling[j]!)]))
    choice[option] = Object.entries(CHOOSERS).reduce(
      (a, [m, w]) => a + w * cosine(e[m]!, own[m]!),
      0
    )
  }
  const picked = Object.entries(choice).sort((a, b) => b[1] - a[1])[0]![0]
  const line: string[] = []
  for (const j of JUDGES) {
    const v = Object.values(scores).map((s) => s[j]!)
    const best = Math.max(...v)
    const row = {
      chosen: scores[chosen]![j]!,
      best,
      mean: v.reduce((a, b) => a + b, 0) / v.length,
      top: +(scores[chosen]![j]! === best),
      picked: scores[picked]![j]!,
    }
    rows[j]!.push(row)
    line.push(
      `${j} chosen ${row.chosen.toFixed(3)} picked ${row.picked.toFixed(3)} best ${best.toFixed(3)} mean ${row.mean.toFixed(3)}`
    )
  }
  const each = options.map((o) => `${o} ${scores[o]![JUDGES[0]]!.toFixed(3)}`).join(', ')
  process.stderr.write(
    `${p.person} ${woman ? 'F' : 'M'} ${chosen} (picked ${picked}): ${line.join(' | ')}\n  ${each}\n`
  )
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
          picked: avg(rows[j]!.map((r) => r.picked)),
        },
      ])
    )
  )
)
await creator.close()
await analyzer.close()
