/**
 * A buzz cut is the hair's colour (issue #8, docs/engine.md "The buzz cut in the hair's colour"): it has no hair
 * mesh and is paint on the scalp, and painted 0.5-0.7 of the way over the skin a dark-haired man's buzz read as a
 * light-brown cap (London 004 and 017, the ninth translator's picks). Measured as the median luminance of the pixels
 * the cut changes (hair-measure.ts hairPixels), beside the same person's short crop, whose cards cover the scalp.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CharacterEngineV2 } from '../character.ts'
import { hairContrast, hairPerson, hairPixels } from '../hair-measure.ts'
import { useHeadPack } from '../index.ts'

const PACK = new URL('../../../../assets/head-v2/head-v2.bin', import.meta.url)
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** Median luminance of the hair pixels of person `seed` in `style` with hair colour `color`. */
function hairTone(seed: number, style: string, color: number, skin: number): number {
  const c = hairPerson(seed, style, { 'hair.color': color, 'hair.red': 0, 'skin.tone': skin })
  return hairContrast(hairPixels(engine, c)).median
}

describe('engine v2: the buzz cut', { timeout: 60_000 }, () => {
  it('is the hair colour on the scalp, not a cap between it and the skin', () => {
    // Median luminance, buzz / short crop (seeds 2, 7), painted 0.5-0.7 over the skin then nearly opaque now:
    // dark-brown hair (hair.color 0.1) on light skin (skin.tone 0.15) 145-146 -> 49-50 / 32-37; on mid skin (0.5)
    // 101-102 -> 37 / 31-35; blond hair (0.7) on light skin 174 -> 134 / 136.
    for (const seed of [2, 7]) {
      for (const [color, skin] of [
        [0.1, 0.15],
        [0.1, 0.5],
        [0.7, 0.15],
      ] as const) {
        const buzz = hairTone(seed, 'buzz', color, skin)
        const crop = hairTone(seed, 'short-cropped', color, skin)
        expect(Math.abs(buzz - crop), `seed ${seed}, hair ${color}, skin ${skin}`).toBeLessThan(25)
      }
    }
  })
})
