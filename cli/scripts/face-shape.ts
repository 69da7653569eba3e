/**
 * @file Whether created characters' faces have the person's proportions (issue #10 diagnostic), beside
 * eye-shape.ts. For London people (a seeded subset), FaceMesh reads the NEUTRAL photo the character is made from
 * and the character's 512 px front render; each ratio below (a distance over the span between the eyes' outer
 * corners) is compared: photo and render means, render / photo, their correlation over people and how many renders
 * come out smaller. A ratio whose render / photo sits off 1 for most people is a bias of the creator (or of what the
 * engine can make), not a person's: the 68 points refine fits leave the face's outline between them free.
 * Usage (repository root): npx tsx cli/scripts/face-shape.ts [--people 30] [--method translator|refined]
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

/** Each ratio's two FaceMesh points (left, right or top, bottom). */
const RATIOS = {
  cheeks: [234, 454], // the face's widest, at the cheekbones
  jaw_angle: [172, 397],
  jaw_low: [136, 365],
  chin: [150, 379],
  nasion_chin: [168, 152], // face height below the brows
  nose_chin: [2, 152], // lower face
  nose_length: [168, 2],
  nose_width: [98, 327], // the wings
  mouth_width: [61, 291],
  upper_lip: [0, 13],
  lower_lip: [14, 17],
  brow_lid: [105, 159],
} as const
type Name = keyof typeof RATIOS

function shape(mesh: Float32Array): Record<Name, number> {
  const d = (a: number, b: number) =>
    Math.hypot(mesh[a * 3]! - mesh[b * 3]!, mesh[a * 3 + 1]! - mesh[b * 3 + 1]!)
  const span = d(33, 263)
  const out = {} as Record<Name, number>
  for (const [k, [a, b]] of Object.entries(RATIOS)) out[k as Name] = d(a, b) / span
  return out
}

const rows: { photo: Record<Name, number>; render: Record<Name, number> }[] = []
for (const [i, p] of people.entries()) {
  process.stderr.write(`\rface-shape ${i + 1}/${people.length}`)
  const neutral = await analysePhoto(analyzer, p.neutral)
  const params = await method.create(
    { image: neutral.image, face: neutral.face, index: i },
    { engine, analyzer, models }
  )
  const face = (await analyzer.detect(engine.render(params, 512).image)).faces[0]
  if (face) rows.push({ photo: shape(neutral.face.mesh), render: shape(face.mesh) })
}
process.stderr.write('\n')

printRatioTable(
  `FaceMesh face proportions (over the outer eye corners' span), ${rows.length} London people, ${args.method}`,
  rows,
  Object.keys(RATIOS)
)
await analyzer.close()
