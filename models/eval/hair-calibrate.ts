/**
 * @file Checks create/hair's colour fit against the engine: renders the rig's mean face (a woman with long hair
 * and a man with short hair) for a grid of hair colour values, reads each render's hair exactly as a photo's is
 * read (CharacterCreator.create: the person mask, hair-mask.ts) and prints value -> colour read. fitHairColour
 * matches the palette colour itself; this shows whether the engine's shading keeps the read colour near it (it
 * did, within a few levels, up to dark blond; lighter hair is read as skin: no colour). Re-run when the engine's
 * hair shading changes. Usage (repository root): npx tsx models/eval/hair-calibrate.ts [OUT.json]
 */
import { writeFile } from 'node:fs/promises'
import { CharacterCreator, rigCodec } from '@facecraft/shared/create'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { engineV2 } from '../../cli/src/eval/engines.ts'

const OUT = process.argv[2]
const creator = await CharacterCreator.createFromOptions({ models: await nodeModelSource() })
const engine = engineV2()
const rig = rigCodec(2)
const mean = engine.mean()
const bases = [
  { gender: 0.15, style: 'long' },
  { gender: 0.85, style: 'short' },
]
const grid: { color: number; red: number; grey: number }[] = []
for (let c = 0; c <= 12; c++)
  for (const red of [0, 0.5, 1]) grid.push({ color: c / 12, red, grey: 0 })
for (const color of [0, 0.33, 0.67])
  for (const grey of [0.25, 0.5, 0.75, 1]) grid.push({ color, red: 0, grey })
const rows = []
for (const g of grid) {
  const reads: number[][] = []
  for (const b of bases) {
    const ch = rig.fromVector(Float32Array.from(mean.x), mean.styles)
    ch.sliders['who.gender'] = b.gender
    ch.styles['hair.style'] = b.style
    ch.colors['hair.color'] = g.color
    ch.colors['hair.red'] = g.red
    ch.colors['hair.grey'] = g.grey
    const render = engine.render(
      { x: Float64Array.from(rig.toVector(ch)), styles: rig.toStyles(ch) },
      512
    )
    const r = await creator.create(render.image)
    if (r.hair?.color) reads.push(r.hair.color)
  }
  if (!reads.length) {
    console.log(JSON.stringify({ ...g, measured: null }))
    continue
  }
  const measured = [0, 1, 2].map((k) =>
    Math.round(reads.reduce((a, p) => a + p[k]!, 0) / reads.length)
  )
  rows.push({ ...g, color: Number(g.color.toFixed(4)), measured })
  console.log(JSON.stringify(rows.at(-1)))
}
const doc = {
  about:
    'rig v2 hair colour values and the colour create/hair-mask.ts reads on their engine v2 renders',
  rows,
}
if (OUT) await writeFile(OUT, JSON.stringify(doc, null, 1) + '\n')
await creator.close()
