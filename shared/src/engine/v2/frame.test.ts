import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { randomPlausibleCharacter } from '../../rig/v2/index.ts'
import type { CharacterEngineV2 } from './character.ts'
import { useHeadPack, type FrameAffine } from './index.ts'

const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** Unit-image affine applied to pixel points of a `size` image. */
const apply = (f: FrameAffine, x: number, y: number, size: number) => [
  size * (f[0] * (x / size) + f[1] * (y / size) + f[2]),
  size * (f[3] * (x / size) + f[4] * (y / size) + f[5]),
]

describe('engine v2 render frame', () => {
  const c = randomPlausibleCharacter(11)

  it('the identity frame gives the same bytes as no frame', () => {
    const plain = engine.render(c, { size: 64 })
    const framed = engine.render(c, { size: 64, frame: [1, 0, 0, 0, 1, 0] })
    expect(framed.data).toEqual(plain.data)
  })

  it('moves the landmarks exactly by the frame (zoom, small rotation, shift)', () => {
    const angle = 0.1
    const s = 1.6
    const f: FrameAffine = [
      s * Math.cos(angle),
      -s * Math.sin(angle),
      -0.3,
      s * Math.sin(angle),
      s * Math.cos(angle),
      -0.25,
    ]
    const plain = engine.landmarks(c, { size: 128 }).ibug68
    const framed = engine.landmarks(c, { size: 128, frame: f }).ibug68
    for (let k = 0; k < 68; k++) {
      const [x, y] = apply(f, plain[2 * k]!, plain[2 * k + 1]!, 128)
      expect(framed[2 * k]!).toBeCloseTo(x!, 3)
      expect(framed[2 * k + 1]!).toBeCloseTo(y!, 3)
    }
  })

  it('renders the framed face where its framed landmarks say (the nose tip pixel is skin, not background)', () => {
    const f: FrameAffine = [2, 0, -0.5, 0, 2, -0.55]
    const img = engine.render(c, { size: 96, frame: f, background: [0, 0, 255] })
    const lm = engine.landmarks(c, { size: 96, frame: f }).ibug68
    const [x, y] = [Math.floor(lm[60]!), Math.floor(lm[61]!)] // iBUG 30, nose tip
    const i = (y * 96 + x) * 4
    expect(img.data[i + 2]!).toBeLessThan(200)
    // The zoomed render is still fully covered near the frame's corners by hair or shoulders or background only.
    expect(img.data.every((v) => Number.isFinite(v))).toBe(true)
  })
})
