/**
 * Light hair draws soft, dark hair keeps its strands (issue #8, docs/engine.md "Light hair"): the strand texture's
 * per-strand shade (a round fibre, a darker root, brighter and darker strands) drew blond, grey and white hair as
 * wood grain or a striped knit cap, because in light hair nothing hides it. Light fibres pass most light on to the
 * fibres around them, so the shader keeps less of that variation the lighter the hair (strandContrast).
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { COLORS, type Character } from '../../../rig/index.ts'
import { characterAppearance, type CharacterEngineV2 } from '../character.ts'
import { hairContrast, hairPerson, hairPixels } from '../hair-measure.ts'
import { useHeadPack } from '../index.ts'
import { STRAND_SHADE_MEAN, strandContrast } from './head-shader.ts'
import { STRAND_H, STRAND_STYLES, STRAND_W, strandTexture } from './strands.ts'

const PACK = new URL('../../../../assets/head-v2/head-v2.bin', import.meta.url)
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** Plausible person `seed` in a `style` of hair colour `color` (rig value; 0 black .. 1 platinum). */
const person = (seed: number, style: string, color: number, grey = 0) =>
  hairPerson(seed, style, { 'hair.color': color, 'hair.grey': grey, 'hair.red': 0 })

/** The linear hair colour the engine draws for `c`. */
const hairLinear = (c: Character) => characterAppearance(c).hairColor

describe('engine v2: light hair', { timeout: 60_000 }, () => {
  it('keeps all of the strands on dark hair and less the lighter the hair', () => {
    const palette = COLORS.find((c) => c.id === 'hair.color')!
    let last = Infinity
    for (let v = 0; v <= 1; v += 0.05) {
      const k = strandContrast(hairLinear(person(1, 'bob', v)))
      expect(k).toBeLessThanOrEqual(last + 1e-12)
      last = k
    }
    const darkBrown = 1 / (palette.stops.length - 1) // the palette's second stop
    expect(strandContrast(hairLinear(person(1, 'bob', 0)))).toBe(1) // black
    expect(strandContrast(hairLinear(person(1, 'bob', darkBrown)))).toBe(1)
    expect(strandContrast(hairLinear(person(1, 'bob', 1)))).toBeLessThan(0.5) // platinum
    expect(strandContrast(hairLinear(person(1, 'bob', 0, 1)))).toBeLessThan(0.5) // grey
  })

  it("flattens the strands' shade around the texture's own mean (the hair's tone stays)", () => {
    for (const seed of [0, 1, 2, 3]) {
      const tex = strandTexture(STRAND_STYLES.hair, seed)
      let sum = 0
      let n = 0
      for (let i = 0; i < STRAND_W * STRAND_H; i++) {
        if (tex[i * 2 + 1]! < 0.5) continue // cut by the alpha test
        sum += tex[i * 2]!
        n++
      }
      expect(Math.abs(sum / n - STRAND_SHADE_MEAN)).toBeLessThan(0.01)
    }
  })

  it('draws blond, grey and white hair without stripes: their strands show about as much as on dark hair', () => {
    // Mean |pixel - its 3x3 neighbours' mean| over the hair (hair-measure.ts), in sRGB levels (about even steps to
    // the eye): relative contrast x median. Measured on seeds 35-37 at 256 px: dark brown bob 0.108 relative,
    // 3.6 levels; blond bob, white short cut and platinum long hair 0.046 relative, 7.2 levels before (the stripes),
    // now 0.021-0.024 relative, 3.5-4.3 levels.
    const levels = (style: string, color: number, grey = 0) => {
      const m = [35, 36, 37].map((seed) =>
        hairContrast(hairPixels(engine, person(seed, style, color, grey)))
      )
      return {
        contrast: m.reduce((a, s) => a + s.contrast, 0) / m.length,
        levels: m.reduce((a, s) => a + s.contrast * s.median, 0) / m.length,
      }
    }
    const dark = levels('bob', 1 / 6)
    for (const light of [levels('bob', 5 / 6), levels('short', 0.3, 1), levels('long', 1)]) {
      expect(light.contrast).toBeLessThan(0.032)
      expect(light.levels).toBeLessThan(1.6 * dark.levels)
    }
    // Dark hair keeps its strands: strandContrast is 1 for it (first test), and its contrast is what it was.
    expect(dark.contrast).toBeGreaterThan(0.09)
  })
})
