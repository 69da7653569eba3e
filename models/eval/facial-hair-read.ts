/**
 * @file How CharacterCreator's facial-hair read (create/facial-hair.ts) does against hand labels of TRAIN-split
 * photos (shared/src/create/facial-hair-labels.train.json): per part of the fixture (`choose`: the rows the thresholds
 * were set on, `check`: the rest), among the characters with a man's gender slider, how many the creator gives
 * facial hair with and without the read (`right` where the photo has some, `false` where it has none), and how many
 * the read ADDS (a kind the translator did not give). Rows labelled null and photos without a usable face are left
 * out. Usage (repository root): npx tsx models/eval/facial-hair-read.ts [--rows]
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CharacterCreator } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { facesDir } from '../../cli/src/eval/london.ts'

interface Label {
  file: string
  facialHair: boolean | null
}
const LABELS = new URL('../../shared/src/create/facial-hair-labels.train.json', import.meta.url)
const labels = (JSON.parse(await readFile(LABELS, 'utf8')) as { photos: Label[] }).photos
const CHOOSE_ROWS = 100 // the fixture's `about`: the first 100 rows chose the thresholds

const models = await nodeModelSource()
const read = await CharacterCreator.createFromOptions({ models })
const without = await CharacterCreator.createFromOptions({ models, measureFacialHair: false, analyzer: read.faceAnalyzer() }) // prettier-ignore
type Count = { men: number; right: number; false: number; added_right: number; added_false: number; labelled: number } // prettier-ignore
const score: Record<string, { with_read: Count; without_read: Count }> = {}
const empty = (): Count => ({
  men: 0,
  right: 0,
  false: 0,
  added_right: 0,
  added_false: 0,
  labelled: 0,
})
for (const [row, l] of labels.entries()) {
  if (l.facialHair === null) continue
  const { image } = decodeImage(new Uint8Array(await readFile(join(facesDir(), l.file))))
  const a = await read.create(image).catch(() => null)
  const b = await without.create(image).catch(() => null)
  if (!a || !b || (a.character.sliders['who.gender'] ?? 0) < 0.5) continue
  const part = (score[row < CHOOSE_ROWS ? 'choose' : 'check'] ??= {
    with_read: empty(),
    without_read: empty(),
  })
  const withHair = a.character.styles['hair.facial'] !== 'none'
  const withoutHair = b.character.styles['hair.facial'] !== 'none'
  for (const [c, on] of [
    [part.with_read, withHair],
    [part.without_read, withoutHair],
  ] as const) {
    c.men++
    if (l.facialHair) c.labelled++
    if (on && l.facialHair) c.right++
    if (on && !l.facialHair) c.false++
  }
  if (withHair && !withoutHair) part.with_read[l.facialHair ? 'added_right' : 'added_false']++
  if (process.argv.includes('--rows'))
    console.log(JSON.stringify({ file: l.file, label: l.facialHair, read: a.facialHair, with: a.character.styles['hair.facial'], without: b.character.styles['hair.facial'] })) // prettier-ignore
}
console.log(JSON.stringify(score, null, 1))
await without.close()
await read.close()
