/**
 * Combed-back cuts run front to back (issue #8, docs/engine.md "Combed-back cuts"): every straight hairstyle's
 * strands fell along meridians from the crown, right for hair that hangs, but the short cuts without a fringe
 * ('short-cropped', 'short-textured') are combed back, and turned, their sides showed vertical grain. Measured on the
 * side of the head (a 256 px render at 90 degrees): the grain's direction from the structure tensor of the hair's
 * pixels (hair-measure.ts: where the render differs from the same person bald).
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CharacterEngineV2 } from '../character.ts'
import { HAIR_SIZE, hairPerson, hairPixels } from '../hair-measure.ts'
import { useHeadPack } from '../index.ts'
import { isCombedBack } from './strands.ts'

const PACK = new URL('../../../../assets/head-v2/head-v2.bin', import.meta.url)
const SIZE = HAIR_SIZE
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** Plausible person `seed` in a `style` of mid-brown hair. */
const person = (seed: number, style: string) => hairPerson(seed, style, { 'hair.color': 0.45 })

/**
 * Sum of vertical over sum of horizontal squared luminance gradients across the hair seen from the side (central
 * differences where all four neighbours are hair): above 1 when the strands run across the image (front to back),
 * below 1 when they hang.
 */
function sideGrain(seed: number, style: string): number {
  const c = person(seed, style)
  const lum = hairPixels(engine, c, 90)
  let gx2 = 0
  let gy2 = 0
  for (let y = 1; y < SIZE - 1; y++) {
    for (let x = 1; x < SIZE - 1; x++) {
      const i = y * SIZE + x
      const [l, r, u, d] = [lum[i - 1]!, lum[i + 1]!, lum[i - SIZE]!, lum[i + SIZE]!]
      if (lum[i]! < 0 || l < 0 || r < 0 || u < 0 || d < 0) continue
      gx2 += (r - l) ** 2
      gy2 += (d - u) ** 2
    }
  }
  return gy2 / gx2
}

describe('engine v2: combed-back cuts', { timeout: 60_000 }, () => {
  it('names the short cuts without a fringe, not the ones that hang', () => {
    expect(isCombedBack('short-cropped')).toBe(true)
    expect(isCombedBack('short-textured')).toBe(true)
    for (const s of ['short', 'short-swept', 'bob', 'long', 'afro', 'buzz'])
      expect(isCombedBack(s)).toBe(false)
  })

  it('runs their strands front to back along the sides; hanging hair still falls', () => {
    // Measured (seeds 4, 12): short-cropped 0.53-0.60 and short-textured 0.53-0.57 along meridians (the grain
    // hanging), 0.98-1.06 combed back; long hair 0.29-0.43, the bob 0.41-0.69, and 0.41-0.79 since the skin's
    // fine grid reaches the chin (session 35): the hair painted on the skin under the bob's edge, along the jaw,
    // is drawn at the fine grid's resolution now, and its strands run across. Under session 49's evener light (the
    // fill from the right 1.5x, the key 0.6x): combed back 1.01-1.07, long 0.31-0.49, the bob 0.46-0.84.
    for (const seed of [4, 12]) {
      for (const style of ['short-cropped', 'short-textured'])
        expect(sideGrain(seed, style), `${style} ${seed}`).toBeGreaterThan(0.92)
      for (const style of ['long', 'bob'])
        expect(sideGrain(seed, style), `${style} ${seed}`).toBeLessThan(0.88)
    }
  })
})
