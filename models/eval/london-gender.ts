/**
 * @file Where `eval likeness`'s gender_agree misses come from: for each London person (NEUTRAL photo) the set's
 * gender label, the translator's gender slider (who.gender < 0.5 = female), FaceRes's read of the photo, and the
 * hair read; joined with a likeness report's per-person gender_agree (the render's FaceRes read vs the photo's),
 * it splits the misses into "the slider is the other sex" and "the slider is right but the render reads as the
 * other sex". Evaluation only: nothing is tuned on these numbers. Usage (repository root):
 *   npx facecraft eval likeness --methods translator --report NAME   # per-person gender_agree
 *   npx tsx models/eval/london-gender.ts models/reports/NAME.json
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CharacterCreator } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { facesDir } from '../../cli/src/eval/london.ts'

const reportFile = process.argv[2]
if (!reportFile)
  throw new Error('usage: london-gender.ts REPORT.json (an eval likeness --report with translator)')
const report = JSON.parse(await readFile(reportFile, 'utf8')) as {
  per_person: { method: string; person: string; gender: string; gender_agree: number | null }[]
}
const agreeOf = new Map(
  report.per_person.filter((p) => p.method === 'translator').map((p) => [p.person, p])
)
const rows = (await readFile(join(facesDir(), 'index.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(',')) // prettier-ignore
const creator = await CharacterCreator.createFromOptions({ models: await nodeModelSource() })
const counts: Record<string, number> = {}
const misses: unknown[] = []
for (const r of rows.filter((r) => r[1] === 'london' && r[4] === 'neutral')) {
  const row = agreeOf.get(r[3]!)
  if (!row || row.gender_agree === null) continue
  const { image } = decodeImage(new Uint8Array(await readFile(join(facesDir(), r[0]!))))
  const made = await creator.create(image)
  const slider = made.character.sliders['who.gender'] ?? 0.5
  const sliderSex = slider < 0.5 ? 'female' : 'male'
  const key = `${r[6]} slider:${sliderSex === r[6] ? 'right' : 'wrong'} render:${row.gender_agree ? 'agrees' : 'MISS'}`
  counts[key] = (counts[key] ?? 0) + 1
  if (!row.gender_agree)
    misses.push({ person: r[3], label: r[6], slider: Number(slider.toFixed(2)), style: made.character.styles['hair.style'], length: made.hair?.length ?? null }) // prettier-ignore
}
console.log(JSON.stringify({ counts, misses }, null, 1))
await creator.close()
