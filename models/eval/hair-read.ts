/**
 * @file How well CharacterCreator reads hair, against hand labels of TRAIN-split photos
 * (shared/src/create/hair-labels.train.json): colour class and length, for the hair read through the person
 * segmenter (hair-mask.ts, `mask`) and from boxes (hair.ts, `boxes`: the models as installed before the
 * segmenter). The colour class is the rig palette's stop nearest the fitted hair.color (black, dark brown,
 * brown = brown or light brown, blond = dark blond to platinum), or red / grey when fitHairColour chose those;
 * `adjacent` also counts one shade off along black - dark brown - brown - blond. Tied hair shows nothing beside the
 * face from the front, so a 'tied' label is right when the read says 'short'. Usage (repository root):
 *   npx tsx models/eval/hair-read.ts [--rows]
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CharacterCreator, fitHairColour } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { facesDir } from '../../cli/src/eval/london.ts'

interface Label {
  file: string
  colour: string | null
  length: string | null
}
const LABELS = new URL('../../shared/src/create/hair-labels.train.json', import.meta.url)
const labels = (JSON.parse(await readFile(LABELS, 'utf8')) as { photos: Label[] }).photos
const models = await nodeModelSource()
const boxes = { ...models, manifest: { ...models.manifest, models: models.manifest.models.filter((m) => m.id !== 'person-segmenter') } } // prettier-ignore
const mask = await CharacterCreator.createFromOptions({ models })
const creators = { boxes: await CharacterCreator.createFromOptions({ models: boxes, analyzer: mask.faceAnalyzer() }), mask } // prettier-ignore
const SHADE: Record<string, number> = { black: 0, 'dark brown': 1, brown: 2, blond: 3 }

function colourClass(rgb: ArrayLike<number> | null, even?: boolean): string | null {
  if (!rgb) return null
  const f = fitHairColour(rgb, even)
  if (f.grey >= 0.5) return 'grey'
  const stop = Math.round(f.color * 6)
  if (f.red >= 0.5 && stop >= 2) return 'red'
  return stop === 0 ? 'black' : stop === 1 ? 'dark brown' : stop <= 3 ? 'brown' : 'blond'
}

const score: Record<string, Record<string, number>> = {}
for (const l of labels) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(facesDir(), l.file))))
  const row: Record<string, unknown> = { file: l.file, label: [l.colour, l.length] }
  for (const [name, c] of Object.entries(creators)) {
    const hair = (await c.create(image).catch(() => null))?.hair ?? null
    const cls = colourClass(hair?.color ?? null, hair?.even)
    const len = hair?.length ?? null
    const s = (score[name] ??= { colour_n: 0, colour_right: 0, colour_adjacent: 0, colour_unread: 0, length_n: 0, length_right: 0, length_unread: 0 }) // prettier-ignore
    if (l.colour) {
      s.colour_n!++
      if (!cls) s.colour_unread!++
      else if (cls === l.colour) s.colour_right!++
      if (cls && (cls === l.colour || Math.abs((SHADE[l.colour] ?? 99) - (SHADE[cls] ?? -99)) <= 1)) s.colour_adjacent!++
    } // prettier-ignore
    if (l.length) {
      s.length_n!++
      if (!len) s.length_unread!++
      else if (len === (l.length === 'tied' ? 'short' : l.length)) s.length_right!++
    }
    row[name] = [cls, len, hair?.color]
  }
  if (process.argv.includes('--rows')) console.log(JSON.stringify(row))
}
console.log(JSON.stringify(score, null, 1))
for (const c of Object.values(creators)) await c.close()
