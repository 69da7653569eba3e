/**
 * @file How well CharacterCreator puts glasses on, against hand labels of TRAIN-split photos
 * (shared/src/create/glasses-labels.train.json): per part of the fixture (`choose`: the rows the threshold was chosen
 * on, `check`: the held-out rest), photos with glasses given glasses (`right`), without given some (`false`), and
 * with them given none (`missed`), for the creator's rule (all frames together against glassesProbability) and the
 * earlier one (one frame against accessoryProbability). Photos without a usable face are left out.
 * Usage (repository root): npx tsx models/eval/glasses-read.ts [--rows]
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CharacterCreator,
  chooseStyles,
  DEFAULT_CREATOR_OPTIONS,
  rigCodec,
} from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { facesDir } from '../../cli/src/eval/london.ts'

interface Label {
  file: string
  glasses: boolean
}
const LABELS = new URL('../../shared/src/create/glasses-labels.train.json', import.meta.url)
const labels = (JSON.parse(await readFile(LABELS, 'utf8')) as { photos: Label[] }).photos
const CHOOSE_ROWS = 200 // the fixture's `about`: the first 200 rows chose the threshold

const creator = await CharacterCreator.createFromOptions({ models: await nodeModelSource() })
const rig = rigCodec(2)
const glassesGroup = rig.styleIds.indexOf('glasses.style')
const rules = {
  frames: (p: Float32Array) =>
    chooseStyles(p, rig, DEFAULT_CREATOR_OPTIONS.accessoryProbability, DEFAULT_CREATOR_OPTIONS.glassesProbability)[glassesGroup]! > 0, // prettier-ignore
  single: (p: Float32Array) =>
    chooseStyles(p, rig, DEFAULT_CREATOR_OPTIONS.accessoryProbability)[glassesGroup]! > 0,
}
const score: Record<
  string,
  Record<string, { right: number; false: number; missed: number; n: number }>
> = {}
for (const [row, l] of labels.entries()) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(facesDir(), l.file))))
  const made = await creator.create(image).catch(() => null)
  if (!made?.styleProbabilities) continue
  const part = row < CHOOSE_ROWS ? 'choose' : 'check'
  const worn: Record<string, boolean> = {}
  for (const [name, rule] of Object.entries(rules)) {
    const on = rule(made.styleProbabilities)
    const s = ((score[name] ??= {})[part] ??= { right: 0, false: 0, missed: 0, n: 0 })
    s.n++
    if (on && l.glasses) s.right++
    else if (on) s.false++
    else if (l.glasses) s.missed++
    worn[name] = on
  }
  if (process.argv.includes('--rows'))
    console.log(JSON.stringify({ file: l.file, label: l.glasses, ...worn }))
}
console.log(JSON.stringify(score, null, 1))
await creator.close()
