/**
 * @file Byte-identity check beside hashes.ts: crc32s of N random plausible characters (default 300) rendered at
 * 128/256/512 px with varied yaw, pitch and backgrounds, plus one combined hash on the last line. Run before and
 * after a change (or on two commits) and diff. Usage: npx tsx cli/scripts/speed/hashes-random.ts [N] > out.txt
 */
import { readFileSync } from 'node:fs'
import { useHeadPack, type ShaderFactory } from '../../../shared/src/engine/v2/index.ts'
import { createHeadShader } from '../../../shared/src/engine/v2/look/index.ts'
import { randomPlausibleCharacter } from '../../../shared/src/rig/v2/index.ts'
import { crc32 } from '../../../shared/src/utils/crc32.ts'

const engine = useHeadPack(
  new Uint8Array(
    readFileSync(new URL('../../../shared/assets/head-v2/head-v2.bin', import.meta.url))
  )
)
const look = createHeadShader as unknown as ShaderFactory
const n = Number(process.argv[2] ?? 300)
let all = 0
const lines: string[] = []
for (let i = 0; i < n; i++) {
  const c = randomPlausibleCharacter(5000 + i)
  const size = i % 10 === 0 ? 512 : i % 3 === 0 ? 256 : 128
  const image = engine.render(
    c,
    {
      size,
      yaw: (i % 7) * 6 - 15,
      pitch: i % 5 === 0 ? 8 : 0,
      background: i % 4 === 0 ? [255, 255, 255] : 'transparent',
    },
    look
  )
  const h = crc32(new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength))
  lines.push(`${i} ${size} ${h.toString(16)}`)
  all = (all * 31 + h) >>> 0
}
console.log(lines.join('\n'))
console.log('ALL', all.toString(16))
