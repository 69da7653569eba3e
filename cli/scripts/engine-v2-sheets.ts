/**
 * @file Renders the engine's documentation sheets (engine v2, the product engine): docs/engine-sheet.png (16
 * random plausible characters, seeds 1-16, as the editor's dice gives them: with a little random skin detail on the
 * released basis) and docs/engine-extremes.png (the default head with 12 face sliders at both ends of their
 * safe ranges, then a row with EVERY face slider at a random end at once). Usage: npx tsx cli/scripts/engine-v2-sheets.ts [--lambert]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { encodePng } from '@facecraft/shared/image'
import { createImage, type RgbaImage } from '../../shared/src/image/types.ts'
import { useHeadPack, type ShaderFactory } from '../../shared/src/engine/v2/index.ts'
import { createHeadShader } from '../../shared/src/engine/v2/look/index.ts'
import {
  createCharacterV2,
  FACE_SLIDERS_V2,
  randomPlausibleCharacter,
} from '../../shared/src/rig/v2/index.ts'
import { createRng } from '../../shared/src/utils/random.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'

const root = new URL('../../', import.meta.url)
const engine = useHeadPack(
  new Uint8Array(readFileSync(new URL('shared/assets/head-v2/head-v2.bin', root)))
)
const shader: ShaderFactory | undefined = process.argv.includes('--lambert')
  ? undefined
  : (createHeadShader as unknown as ShaderFactory)

function grid(tiles: RgbaImage[], cols: number): RgbaImage {
  const s = tiles[0]!.width
  const out = createImage(s * cols, s * Math.ceil(tiles.length / cols))
  tiles.forEach((t, i) => {
    const ox = (i % cols) * s
    const oy = Math.floor(i / cols) * s
    for (let y = 0; y < s; y++) {
      out.data.set(t.data.subarray(y * s * 4, (y + 1) * s * 4), ((oy + y) * out.width + ox) * 4)
    }
  })
  return out
}

const BG: [number, number, number] = [232, 232, 232]
engine.useSkinDetail(skinDetailBasis())
const people = Array.from({ length: 16 }, (_, i) =>
  engine.render(
    randomPlausibleCharacter(i + 1, { detail: true }),
    { size: 224, background: BG },
    shader
  )
)
writeFileSync(new URL('docs/engine-sheet.png', root), encodePng(grid(people, 4)))

const EXTREMES = [
  'face.head-scale-horiz.decr-incr',
  'face.head-fat.decr-incr',
  'face.forehead-scale-vert.decr-incr',
  'face.nose-scale-horiz.decr-incr',
  'face.nose-scale-vert.decr-incr',
  'face.nose-hump.decr-incr',
  'face.mouth-scale-horiz.decr-incr',
  'face.mouth-upperlip-volume.decr-incr',
  'face.chin-prominent.decr-incr',
  'face.chin-width.decr-incr',
  'face.eyebrows-trans.down-up',
  'face.l-eye-scale.decr-incr',
]
const base = createCharacterV2({ styles: { 'hair.style': 'short-cropped' } })
const tiles: RgbaImage[] = []
for (const id of EXTREMES) {
  for (const v of [0, 1]) {
    const sliders = { ...base.sliders, [id]: v }
    if (id.startsWith('face.l-')) sliders[id.replace('face.l-', 'face.r-')] = v
    tiles.push(engine.render({ ...base, sliders }, { size: 160, background: BG }, shader))
  }
}
// Last row: EVERY face slider at a random end of its safe range at once (the combined worst case).
for (let k = 0; k < 6; k++) {
  const rng = createRng(100 + k)
  const sliders = { ...base.sliders }
  for (const s of FACE_SLIDERS_V2)
    sliders[s.id] = s.low ? (rng() < 0.5 ? 0 : 1) : rng() < 0.15 ? 1 : 0
  tiles.push(engine.render({ ...base, sliders }, { size: 160, background: BG }, shader))
}
writeFileSync(new URL('docs/engine-extremes.png', root), encodePng(grid(tiles, 6)))
console.log('wrote docs/engine-sheet.png and docs/engine-extremes.png')
