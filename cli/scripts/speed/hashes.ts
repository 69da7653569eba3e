/**
 * @file Byte-identity check for render-speed work: prints a crc32 per render (and per landmark set) of a fixed
 * list of cases (look and plain shaders, 64-512 px, yaw, pitch, backgrounds, a run of different characters as the
 * bench draws them, an editor's slider drag on one character, repeats after other characters so caches are
 * exercised). Run before and after a change and diff the outputs: any line that differs is a changed pixel.
 * Usage: npx tsx cli/scripts/speed/hashes.ts > before.txt
 */
import { readFileSync } from 'node:fs'
import {
  useHeadPack,
  createLambertShader,
  type ShaderFactory,
} from '../../../shared/src/engine/v2/index.ts'
import { createHeadShader } from '../../../shared/src/engine/v2/look/index.ts'
import {
  createCharacterV2,
  FACE_SLIDERS_V2,
  randomPlausibleCharacter,
} from '../../../shared/src/rig/v2/index.ts'
import type { Character } from '../../../shared/src/rig/schema.ts'
import type { RenderOptionsV2 } from '../../../shared/src/engine/v2/engine.ts'
import { crc32 } from '../../../shared/src/utils/crc32.ts'

const engine = useHeadPack(
  new Uint8Array(
    readFileSync(new URL('../../../shared/assets/head-v2/head-v2.bin', import.meta.url))
  )
)
const look = createHeadShader as unknown as ShaderFactory
const out: string[] = []
function shot(
  label: string,
  c: Character,
  o: RenderOptionsV2,
  shader: ShaderFactory = look,
  lm = false
) {
  const img = engine.render(c, o, shader)
  let line = `${label} ${crc32(new Uint8Array(img.data.buffer)).toString(16)}`
  if (lm) line += ` lm ${crc32(new Uint8Array(engine.landmarks(c, o).ibug68.buffer)).toString(16)}`
  out.push(line)
}
const quick = process.argv.includes('--quick')
const N = quick ? 12 : 40
// The bench's pattern: a different plausible character per render.
for (let i = 1; i <= N; i++)
  shot(`grid128 seed ${i}`, randomPlausibleCharacter(i), { size: 128 }, look, i % 4 === 0)
// Sizes, yaw, pitch, backgrounds.
const sizes = [64, 96, 128, 200, 256, 384, 512]
for (let i = 0; i < (quick ? 7 : 21); i++) {
  const seed = 200 + i
  const size = sizes[i % sizes.length]!
  const yaw = [0, 20, -30, 12][i % 4]!
  const pitch = [0, 0, 8, -6][(i >> 1) % 4]!
  const background =
    i % 3 === 0
      ? ([255, 255, 255] as const)
      : i % 3 === 1
        ? ('transparent' as const)
        : ([40, 90, 160] as const)
  shot(
    `var seed ${seed} ${size} yaw ${yaw} pitch ${pitch}`,
    randomPlausibleCharacter(seed),
    { size, yaw, pitch, background },
    look,
    true
  )
}
// The plain Lambert shader.
for (let i = 0; i < 4; i++)
  shot(
    `plain seed ${300 + i}`,
    randomPlausibleCharacter(300 + i),
    { size: [96, 128, 256, 512][i]! },
    createLambertShader,
    true
  )
// An editor: one character, one slider dragged (then another), at 128 and 256 px; a colour and a style change.
const base = randomPlausibleCharacter(400)
const sliders = [
  FACE_SLIDERS_V2[3]!.id,
  FACE_SLIDERS_V2[57]!.id,
  'who.age',
  'expression.smile',
  'who.gender',
]
for (const id of sliders) {
  for (let k = 0; k <= (quick ? 2 : 5); k++) {
    const c = structuredClone(base)
    c.sliders[id] = k / 5
    shot(`slider ${id} ${k}`, c, { size: 128 }, look, k === 2)
    if (k === 3) shot(`slider256 ${id} ${k}`, c, { size: 256 })
  }
}
{
  const c = structuredClone(base)
  c.colors['skin.tone'] = 0.8
  shot('colour skin.tone', c, { size: 128 })
  c.styles['hair.style'] = 'bald'
  shot('style bald', c, { size: 128 })
  c.styles['glasses.style'] = 'round'
  shot('style glasses', c, { size: 128 })
}
// Repeats after other characters (caches must not leak state between characters).
for (const i of [1, 2, 3]) shot(`again seed ${i}`, randomPlausibleCharacter(i), { size: 128 })
shot('again base', base, { size: 128 })
shot(
  'fixed test character',
  createCharacterV2({
    sliders: {
      ...createCharacterV2().sliders,
      'who.gender': 0.8,
      'face.nose-scale-horiz.decr-incr': 0.7,
      'expression.smile': 0.5,
    },
    styles: { 'hair.style': 'short', 'hair.facial': 'goatee', 'glasses.style': 'round' },
  }),
  { size: 128 },
  look,
  true
)
process.stdout.write(out.join('\n') + '\n')
