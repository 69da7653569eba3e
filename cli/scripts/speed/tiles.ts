/**
 * @file Renders a strip of plausible characters (seeds 1..N, look shader, white background) into a PNG and a raw
 * RGBA dump, for comparing two engine versions pixel by pixel (cli/scripts/speed/compare.ts).
 * Usage: npx tsx cli/scripts/speed/tiles.ts OUT_PREFIX [size=128] [n=8]
 */
import { writeFileSync } from 'node:fs'
import { encodePng } from '../../../shared/src/image/index.ts'
import { createImage } from '../../../shared/src/image/types.ts'
import { engineV2, lookShader } from '../../src/engine-v2.ts'
import { randomPlausibleCharacter } from '../../../shared/src/rig/v2/index.ts'

const [out = '/tmp/tiles', sizeArg = '128', nArg = '8'] = process.argv.slice(2)
const size = Number(sizeArg)
const n = Number(nArg)
const engine = engineV2()
const strip = createImage(size * n, size)
for (let i = 0; i < n; i++) {
  const img = engine.render(
    randomPlausibleCharacter(i + 1),
    { size, background: [255, 255, 255] },
    lookShader
  )
  for (let y = 0; y < size; y++)
    strip.data.set(
      img.data.subarray(y * size * 4, (y + 1) * size * 4),
      (y * size * n + i * size) * 4
    )
}
writeFileSync(`${out}.png`, encodePng(strip))
writeFileSync(`${out}.rgba`, strip.data)
