/**
 * @file Where the engine's skin colours lie among photographed skin (issue #10's skin_delta_e, issue #8's look):
 * the median skin colour of TRAIN photos (../shared/faces canada and pixabay; London is never read), measured as
 * `eval likeness` measures it (FaceMesh part labels), against the rendered colours of a skin table
 * (shared/src/create/skin-table.json, or --table FILE; --old FILE draws a second one in grey). Prints, per set and
 * table, the CIELAB distance from each photo's skin to the nearest rendered skin (the part of skin_delta_e no
 * creator can remove), and writes a figure: three panels by lightness (L* < 45, 45-62, > 62), a* across (0-35),
 * b* up (0-35), ticks every 5; each photo a dot in its own colour; each table tone whose L* falls in the panel a
 * line across its undertones (black, --old grey; a woman's and a man's grid both).
 * Usage: nice -n 10 npx tsx cli/scripts/skin-gamut.ts [--step 2] [--old OLD.json] [--out docs/skin-gamut.png]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { matchSkin, type SkinGrid, type SkinTable } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { drawDot, drawLine, FaceAnalyzer, type Rgb } from '@facecraft/shared/face'
import { createImage, encodePng, srgbToLab } from '@facecraft/shared/image'
import { nodeModelSource } from '../src/commands/detect.ts'
import { facesDir } from '../src/eval/london.ts'

const { values } = parseArgs({
  options: {
    step: { type: 'string', default: '2' },
    table: {
      type: 'string',
      default: new URL('../../shared/src/create/skin-table.json', import.meta.url).pathname,
    },
    old: { type: 'string' },
    out: { type: 'string', default: 'skin-gamut.png' },
  },
})
type Lab = [number, number, number]
/** A table file; one from before session 41 (a single grid, no sexes) is read as the same grid for both. */
function readTable(file: string): SkinTable {
  const t = JSON.parse(readFileSync(file, 'utf8')) as
    SkinTable | (Omit<SkinTable, 'lab' | 'gender'> & { lab: SkinGrid })
  return 'gender' in t ? t : { ...t, gender: [0, 1], lab: [t.lab, t.lab] }
}
const tables = [{ name: 'table', table: readTable(values.table) }]
if (values.old) tables.push({ name: 'old', table: readTable(values.old) })

const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})
const photos: { lab: Lab; srgb: Rgb }[] = []
for (const set of ['canada', 'pixabay']) {
  const dir = `${facesDir()}/${set}`
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort()
  const gaps: number[][] = tables.map(() => [])
  for (let i = 0; i < files.length; i += Number(values.step)) {
    const { image } = decodeImage(new Uint8Array(readFileSync(`${dir}/${files[i]}`)))
    const face = (await analyzer.detect(image)).faces[0]
    const srgb = face && analyzer.partColors(image, face).skin
    if (!srgb) continue
    const lab = srgbToLab(srgb)
    photos.push({ lab, srgb })
    // the creator's own search (bilinear over the table) finds the nearest rendered skin, a woman's or a man's
    tables.forEach(({ table }, t) =>
      gaps[t]!.push(Math.min(matchSkin(srgb, 0, table).deltaE, matchSkin(srgb, 1, table).deltaE))
    )
  }
  gaps.forEach((g, t) => {
    const s = [...g].sort((a, b) => a - b)
    const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))]!.toFixed(2)
    const within3 = (s.filter((v) => v < 3).length / s.length).toFixed(2)
    console.log(`${set} (${s.length} photos) to ${tables[t]!.name}: median ${q(0.5)}, p90 ${q(0.9)}, share within 3: ${within3}`) // prettier-ignore
  })
}
await analyzer.close()

const P = 300 // panel side, px
const GAP = 12
const AB = 35 // a*, b* span of a panel
const BANDS: [number, number][] = [[20, 45], [45, 62], [62, 85]] // prettier-ignore
const img = createImage(BANDS.length * P + (BANDS.length + 1) * GAP, P + 2 * GAP)
img.data.fill(255)
BANDS.forEach(([lo, hi], k) => {
  const x0 = GAP + k * (P + GAP)
  const at = (a: number, b: number): [number, number] => [x0 + (a / AB) * P, GAP + P - (b / AB) * P]
  const frame: Rgb = [150, 150, 150]
  drawLine(img, x0, GAP + P, x0 + P, GAP + P, frame)
  drawLine(img, x0, GAP, x0, GAP + P, frame)
  for (let t = 5; t <= AB; t += 5) {
    const [x, y] = at(t, t)
    drawLine(img, x, GAP + P, x, GAP + P - 4, frame)
    drawLine(img, x0, y, x0 + 4, y, frame)
  }
  for (const p of photos)
    if (p.lab[0] >= lo && p.lab[0] < hi) drawDot(img, ...at(p.lab[1], p.lab[2]), 2, p.srgb)
  ;[...tables].reverse().forEach(({ name, table }) => {
    const ink: Rgb = name === 'old' ? [160, 160, 160] : [0, 0, 0]
    for (const row of table.lab.flat()) {
      if (row[0]![0] < lo || row[0]![0] >= hi) continue
      for (let j = 0; j + 1 < row.length; j++)
        drawLine(img, ...at(row[j]![1], row[j]![2]), ...at(row[j + 1]![1], row[j + 1]![2]), ink, 2)
    }
  })
})
writeFileSync(values.out, encodePng(img))
console.log(`wrote ${values.out}`)
