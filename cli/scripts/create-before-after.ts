/**
 * @file A before/after sheet of a creator change: one row per photo, the photo | the character made before | after,
 * each cut to the same canonical head frame. The characters come from `facecraft create` run in the two trees:
 *   for p in PHOTOS; do npx facecraft create PHOTO --out DIR/NAME.json; done   (NAME: the photo's file name, no .jpg)
 * Usage: npx tsx cli/scripts/create-before-after.ts [--face | --brows] OUT.png BEFORE_DIR AFTER_DIR PHOTO...
 * --face: the face alone (brows to chin) in 256-px tiles, for changes to the skin (rendered at 1024 px).
 * --brows: the brows and eyes, about 1:1 at 1024 px (512 x 218 tiles), for changes to the brows or lashes.
 * For an ENGINE change (the same characters drawn by two trees), a directory may hold NAME.png instead: each tree's
 * render of the character (`facecraft render --engine 2 --params NAME.json --size 1024 --out NAME.png`), cut the same way.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { decodeImage } from '@facecraft/shared/decode'
import { encodePng } from '@facecraft/shared/image'
import { validateCharacterV2 } from '@facecraft/shared/rig-v2'
import { createImage, type RgbaImage } from '../../shared/src/image/types.ts'
import { nodeModelSource } from '../src/commands/detect.ts'
import { renderFront } from '../src/commands/create-render.ts'
import { imageGrid } from '../src/eval/report.ts'

const args = process.argv.slice(2)
const mode = args[0] === '--face' || args[0] === '--brows' ? args[0] : null
const [out, before, after, ...photos] = mode ? args.slice(1) : args
if (!out || !before || !after || photos.length === 0)
  throw new Error(
    'usage: create-before-after.ts [--face | --brows] OUT.png BEFORE_DIR AFTER_DIR PHOTO...'
  )
const GAP = 4
/**
 * What a tile shows of the canonical aligned frame (the face spans x 0.31-0.69, brows y 0.40, chin y 0.78), and
 * its size in pixels: the head, the face, or the brows and eyes.
 */
const FRAME =
  mode === '--face'
    ? { x0: 0.29, y0: 0.37, w: 0.42, h: 0.42, tw: 256, th: 256 }
    : mode === '--brows'
      ? { x0: 0.3, y0: 0.34, w: 0.4, h: 0.17, tw: 512, th: 218 }
      : { x0: 0.12, y0: 0.05, w: 0.76, h: 0.76, tw: 192, th: 192 }
const RENDER = mode ? 1024 : 512
const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource() })

async function tile(image: RgbaImage): Promise<RgbaImage> {
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) throw new Error('no face found in a photo or render of the sheet')
  const S = Math.round(FRAME.tw / FRAME.w)
  const crop = analyzer.alignedCrop(image, face, S)
  const T = FRAME.tw
  const t = createImage(FRAME.tw, FRAME.th)
  const dx = Math.round(FRAME.x0 * S)
  const dy = Math.round(FRAME.y0 * S)
  for (let y = 0; y < FRAME.th; y++)
    for (let x = 0; x < T; x++) {
      const i = ((y + dy) * S + x + dx) * 4
      const a = crop.data[i + 3]! / 255 // transparent backdrop over white
      for (let c = 0; c < 3; c++)
        t.data[(y * T + x) * 4 + c] = Math.round(crop.data[i + c]! * a + 255 * (1 - a))
      t.data[(y * T + x) * 4 + 3] = 255
    }
  return t
}

/** The front render of the character in `dir`: its NAME.png when the directory holds renders, else NAME.json drawn here. */
const render = (dir: string, name: string): RgbaImage => {
  const png = join(dir, `${name}.png`)
  if (existsSync(png)) return decodeImage(new Uint8Array(readFileSync(png))).image
  const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))
  return renderFront(validateCharacterV2(json.character ?? json), RENDER)
}
const rows: RgbaImage[][] = []
for (const photo of photos) {
  const name = basename(photo).replace(/\.[^.]+$/, '')
  rows.push([
    await tile(decodeImage(new Uint8Array(readFileSync(photo))).image),
    await tile(render(before, name)),
    await tile(render(after, name)),
  ])
}
const sheet = imageGrid(rows, GAP)
writeFileSync(out, encodePng(sheet))
await analyzer.close()
console.log(`wrote ${out}`)
