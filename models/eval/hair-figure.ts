/**
 * @file The hair figure (docs/hair.png): TRAIN-split Canada photos (CC BY 4.0, may be shown), one per row: the
 * aligned photo | the translator's character with the hair read from boxes (hair.ts, before the person segmenter)
 * | with the hair read through the person mask (hair-mask.ts). Usage (repository root):
 *   npx tsx models/eval/hair-figure.ts OUT.png canada/003f.jpg canada/113m.jpg ...
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CharacterCreator, rigCodec } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { nodeModelSource } from '../../cli/src/commands/detect.ts'
import { engineV2 } from '../../cli/src/eval/engines.ts'
import { facesDir } from '../../cli/src/eval/london.ts'
import { renderCrop } from '../../cli/src/eval/photos.ts'

const [out, ...files] = process.argv.slice(2)
if (!out || !files.length)
  throw new Error('usage: hair-figure.ts OUT.png PHOTO...  (paths inside the faces folder)')
const CELL = 160
const models = await nodeModelSource()
const boxes = { ...models, manifest: { ...models.manifest, models: models.manifest.models.filter((m) => m.id !== 'person-segmenter') } } // prettier-ignore
const withMask = await CharacterCreator.createFromOptions({ models })
const withBoxes = await CharacterCreator.createFromOptions({
  models: boxes,
  analyzer: withMask.faceAnalyzer(),
})
const engine = engineV2()
const rows: RgbaImage[][] = []
for (const f of files) {
  const { image } = decodeImage(new Uint8Array(await readFile(join(facesDir(), f))))
  const row = []
  const a = await withMask.create(image)
  row.push(withMask.faceAnalyzer().alignedCrop(image, a.face, CELL))
  for (const r of [await withBoxes.createFromFace(image, a.face), a]) {
    const rig = rigCodec(r.character.rig)
    const params = {
      x: Float64Array.from(rig.toVector(r.character)),
      styles: rig.toStyles(r.character),
    }
    const render = engine.render(params, 512)
    row.push(renderCrop(render.image, render.ibug68, CELL))
    console.log(f, r.character.styles['hair.style'], JSON.stringify(r.hair))
  }
  rows.push(row)
}
const cols = rows[0]!.length
const sheet = createImage(cols * CELL, rows.length * CELL)
rows.forEach((row, y) =>
  row.forEach((cell, x) => {
    for (let v = 0; v < CELL; v++)
      sheet.data.set(cell.data.subarray(v * CELL * 4, (v + 1) * CELL * 4), ((y * CELL + v) * cols * CELL + x * CELL) * 4)
  })
) // prettier-ignore
await writeFile(out, encodePng(sheet))
await withBoxes.close()
await withMask.close()
