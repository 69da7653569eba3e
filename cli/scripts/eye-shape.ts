/**
 * @file Whether created characters' eyes and brows sit and open as the person's (issue #10 diagnostic). For London
 * people (a seeded subset), FaceMesh reads the NEUTRAL photo the character is made from and the character's 512 px
 * front render, and three shape ratios are compared: `open` (lid to lid over the eye's width, both eyes), `brow`
 * (brow to upper lid over the distance between the eyes' outer corners) and `width` (eye width over that distance).
 * Prints each ratio's photo and render means, render / photo, their correlation over people and how many renders
 * come out smaller, and how far the smiling photos (which London's evaluation ranks) open against the neutral ones.
 * Session 46: the eyes open 0.915 (translator) and 0.927 (refined) of the photo's, smaller in 27 and 28 of 30
 * people, while brow height and eye width are within 1-3%. Session 47 (all 102): the smiling photos open 0.929 of
 * the neutral ones (91 of 102 narrower), so the ranked photo itself is narrow-eyed; the translator's renders 0.919
 * (84 smaller).
 * Usage (repository root): npx tsx cli/scripts/eye-shape.ts [--people 30] [--method translator|refined]
 */
import { parseArgs } from 'node:util'
import { analysePhoto } from '../src/eval/photos.ts'
import { openLondonStudy, printRatioTable } from './london-study.ts'

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '30' },
    method: { type: 'string', default: 'translator' },
  },
})
const { models, analyzer, engine, method, people } = await openLondonStudy(args)

type Shape = Record<'open' | 'brow' | 'width', number>
/** FaceMesh points: eye corners 33/133 and 362/263, upper/lower lids 159/145 and 386/374, brows 105 and 334. */
function shape(mesh: Float32Array): Shape {
  const d = (a: number, b: number) =>
    Math.hypot(mesh[a * 3]! - mesh[b * 3]!, mesh[a * 3 + 1]! - mesh[b * 3 + 1]!)
  const span = d(33, 263)
  const width = (d(33, 133) + d(362, 263)) / 2
  return {
    open: (d(159, 145) + d(386, 374)) / 2 / width,
    brow: (d(105, 159) + d(334, 386)) / 2 / span,
    width: width / span,
  }
}

const rows: { photo: Shape; render: Shape; smiling: Shape }[] = []
for (const [i, p] of people.entries()) {
  process.stderr.write(`\reye-shape ${i + 1}/${people.length}`)
  const neutral = await analysePhoto(analyzer, p.neutral)
  const params = await method.create(
    { image: neutral.image, face: neutral.face, index: i },
    { engine, analyzer, models }
  )
  const face = (await analyzer.detect(engine.render(params, 512).image)).faces[0]
  const smiling = await analysePhoto(analyzer, p.smiling)
  if (face)
    rows.push({
      photo: shape(neutral.face.mesh),
      render: shape(face.mesh),
      smiling: shape(smiling.face.mesh),
    })
}
process.stderr.write('\n')

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
printRatioTable(`FaceMesh eye and brow shape, ${rows.length} London people, ${args.method}`, rows, [
  'open',
  'brow',
  'width',
])
// the ranked photo: London's evaluation creates from the neutral photo and ranks the SMILING one
const [mn, ms] = [mean(rows.map((r) => r.photo.open)), mean(rows.map((r) => r.smiling.open))]
const narrower = rows.filter((r) => r.smiling.open < r.photo.open).length
console.log(
  `The smiling photos' eyes open ${(ms / mn).toFixed(3)} of the neutral ones' (${narrower} of ${rows.length} narrower).`
)
await analyzer.close()
