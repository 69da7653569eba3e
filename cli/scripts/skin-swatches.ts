/**
 * @file The skin colour a character renders against its photo's, for every London person: `measure` creates each
 * translator character from the neutral photo (as `eval likeness` does), renders it at 512 px and writes both median
 * skin colours (CIELAB, FaceMesh part labels: what `skin_delta_e` compares) with the person's labels; `draw` puts two
 * such files side by side, one column per person sorted by the photo's lightness, before (top row) and after (bottom),
 * each swatch the photo's skin (left half) beside the render's (right), and prints the CIELAB difference by group.
 * Run `measure` in each tree.
 * Usage: npx tsx cli/scripts/skin-swatches.ts measure --out FILE.json
 *        npx tsx cli/scripts/skin-swatches.ts draw --before A.json --after B.json --out docs/skin-swatches.png
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_CREATOR_OPTIONS } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { createImage, encodePng, labToSrgb, srgbToLab } from '@facecraft/shared/image'
import { nodeModelSource } from '../src/commands/detect.ts'
import { pickEngine } from '../src/eval/engines.ts'
import { facesDir } from '../src/eval/london.ts'
import { translatorMethod } from '../src/eval/likeness-translator.ts'

type Lab = [number, number, number]
interface Row {
  file: string
  gender: string
  ethnicity: string
  photo: Lab
  render: Lab
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, before: { type: 'string' }, after: { type: 'string' } },
})
if (!values.out) throw new Error('--out FILE is required')

if (positionals[0] === 'measure') {
  const index = readFileSync(`${facesDir()}/index.csv`, 'utf8').trim().split('\n').slice(1)
  const people = index
    .map((l) => l.split(','))
    .filter((r) => r[1] === 'london' && r[0]!.includes('/neutral/'))
  const models = await nodeModelSource()
  const analyzer = await FaceAnalyzer.createFromOptions({
    models,
    detectorGrids: DEFAULT_CREATOR_OPTIONS.detectorGrids,
  })
  const engine = pickEngine(undefined, '2')
  const rows: Row[] = []
  for (const [i, r] of people.entries()) {
    const image = decodeImage(new Uint8Array(readFileSync(`${facesDir()}/${r[0]}`))).image
    const face = (await analyzer.detect(image)).faces[0]
    if (!face) continue
    const params = await translatorMethod.create(
      { image, face, index: i },
      { engine, analyzer, models }
    )
    const render = engine.render(params, 512).image
    const seen = (await analyzer.detect(render)).faces[0]
    const [photo, drawn] = [
      analyzer.partColors(image, face).skin,
      seen && analyzer.partColors(render, seen).skin,
    ]
    if (photo && drawn)
      rows.push({
        file: r[0]!,
        gender: r[6]!,
        ethnicity: r[7]!,
        photo: srgbToLab(photo),
        render: srgbToLab(drawn),
      })
    process.stderr.write(`\rmeasure ${i + 1}/${people.length}`)
  }
  await analyzer.close()
  writeFileSync(values.out, JSON.stringify(rows))
  console.log(`\nwrote ${values.out} (${rows.length} people)`)
} else if (positionals[0] === 'draw') {
  if (!values.before || !values.after) throw new Error('draw needs --before A.json --after B.json')
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Row[]
  const after = new Map(read(values.after).map((r) => [r.file, r]))
  const pairs = read(values.before)
    .filter((r) => after.has(r.file))
    .map((r) => ({ before: r, after: after.get(r.file)! }))
    .sort((a, b) => b.before.photo[0] - a.before.photo[0])
  // one column per person: before (top row) and after (bottom row), each the photo's skin on the left half and the
  // render's on the right, so a mismatch shows as a step inside the swatch
  const W = 12
  const H = 32
  const img = createImage(pairs.length * W, 2 * H + 3)
  img.data.fill(255)
  pairs.forEach(({ before, after }, k) =>
    [before, after].forEach((r, row) => {
      const [photo, render] = [r.photo, r.render].map((lab) => [
        ...labToSrgb(lab).map(Math.round),
        255,
      ])
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W - 2; x++)
          img.data.set(
            x < (W - 2) / 2 ? photo! : render!,
            ((row * (H + 3) + y) * img.width + k * W + x) * 4
          )
    })
  )
  writeFileSync(values.out, encodePng(img))
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!
  const de = (r: Row) => Math.hypot(...r.render.map((v, c) => v - r.photo[c]!))
  const dl = (r: Row) => r.render[0] - r.photo[0]
  const groups: [string, (r: Row) => boolean][] = [['all', () => true], ...['female', 'male'].map((g) => [g, (r: Row) => r.gender === g] as [string, (r: Row) => boolean]), ...['white', 'black', 'east_asian', 'west_asian'].map((e) => [e, (r: Row) => r.ethnicity === e] as [string, (r: Row) => boolean])] // prettier-ignore
  for (const [name, keep] of groups) {
    const p = pairs.filter((q) => keep(q.before))
    const mean = (f: (r: Row) => number, side: 'before' | 'after') => (p.reduce((a, q) => a + f(q[side]), 0) / p.length).toFixed(2) // prettier-ignore
    console.log(`${name} (${p.length}): median CIE76 ${median(p.map((q) => de(q.before))).toFixed(2)} -> ${median(p.map((q) => de(q.after))).toFixed(2)}, mean render - photo L* ${mean(dl, 'before')} -> ${mean(dl, 'after')}`) // prettier-ignore
  }
  console.log(`wrote ${values.out}`)
} else
  throw new Error(
    'usage: skin-swatches.ts measure --out FILE | draw --before A --after B --out PNG'
  )
