import { describe, expect, it } from 'vitest'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_PIXELS,
  SKIN_DETAIL_VERSION,
} from '@facecraft/shared/detail'
import {
  ageSliderForYears,
  COLORS_V2,
  checkCharacterV2,
  createCharacterV2,
  RIG_V2,
  RIG_V2_GROUPS,
} from '@facecraft/shared/rig-v2'
import {
  ageYears,
  colorAt,
  GROUPS,
  resetGroup,
  smoothedDetail,
  swatchValues,
  withoutDetail,
} from './rig-ui.ts'

describe('rig-ui (rig v2)', () => {
  it('shows every parameter of rig v2 exactly once, in the rig groups, "Who" first', () => {
    const ids = GROUPS.flatMap((g) => [...g.sliders, ...g.colors, ...g.styles].map((p) => p.id))
    const rigIds = [...RIG_V2.continuous, ...RIG_V2.colors, ...RIG_V2.discrete].map((p) => p.id)
    expect(ids.sort()).toEqual(rigIds.sort())
    expect(GROUPS[0]!.label).toBe('Who')
    expect(GROUPS.map((g) => g.id)).toEqual(
      RIG_V2_GROUPS.filter((id) => GROUPS.some((g) => g.id === id))
    )
    expect(GROUPS.find((g) => g.id === 'glasses')!.styles[0]!.id).toBe('glasses.style')
  })

  it('resets only the chosen group', () => {
    const base = createCharacterV2()
    const c = {
      ...base,
      sliders: { ...base.sliders, 'face.nose-scale-horiz.decr-incr': 0.9, 'who.weight': 0.9 },
    }
    const reset = resetGroup(
      c,
      GROUPS.find((g) => g.id === 'nose')!
    )
    expect(reset.sliders['face.nose-scale-horiz.decr-incr']).toBe(0.5)
    expect(reset.sliders['who.weight']).toBe(0.9)
  })

  it('shows the age slider in years, inverse of the rig', () => {
    for (const years of [11, 18, 25, 40, 64, 90])
      expect(ageYears(ageSliderForYears(years))).toBe(years)
  })

  it('samples palette ends, and shows blush and freckles as changes over the skin', () => {
    const hair = COLORS_V2.find((c) => c.id === 'hair.color')!
    expect(colorAt(createCharacterV2(), hair, 0)).toBe('rgb(18 15 14)')
    expect(swatchValues(hair)).toHaveLength(hair.stops.length)
    for (const id of ['skin.blush', 'skin.freckles']) {
      const def = COLORS_V2.find((c) => c.id === id)!
      const c = createCharacterV2()
      expect(colorAt(c, def, 0)).not.toBe(colorAt(c, def, 1))
    }
  })

  it("shows rig v2's skin as engine v2 paints it: undertone from muted to golden, tone from light to dark", () => {
    const def = (id: string) => COLORS_V2.find((c) => c.id === id)!
    const rgb = (css: string) => css.match(/\d+/g)!.map(Number)
    const chroma = ([r, g, b]: number[]) => Math.max(r!, g!, b!) - Math.min(r!, g!, b!)
    const c = createCharacterV2({ colors: { 'skin.tone': 0.5 } })
    const [muted, golden] = [0, 1].map((t) => rgb(colorAt(c, def('skin.undertone'), t)))
    expect(chroma(muted!)).toBeLessThan(15)
    expect(chroma(golden!)).toBeGreaterThan(60)
    expect(golden![2]).toBeLessThan(golden![1]!) // golden: blue lowest
    const [light, dark] = [0, 1].map((t) => rgb(colorAt(c, def('skin.tone'), t)))
    expect(light!.reduce((a, b) => a + b)).toBeGreaterThan(600)
    expect(dark!.reduce((a, b) => a + b)).toBeLessThan(200)
  })

  it('removes skin detail and nothing else, leaving the character valid', () => {
    const c = createCharacterV2()
    const detailed = {
      ...c,
      detail: { basis: SKIN_DETAIL_VERSION, weights: Array(SKIN_DETAIL_COUNT).fill(1) },
    }
    expect(checkCharacterV2(detailed)).toEqual([])
    const removed = withoutDetail(detailed)
    expect('detail' in removed).toBe(false)
    expect(removed).toEqual(c)
    expect(detailed.detail).toBeDefined() // the edit made a new character; history keeps the old one
  })

  it("smooths the skin: the residual and octave go, the detail's weights and the rest stay", () => {
    const c = createCharacterV2()
    const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) => Math.sin(i))
    const residual = encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => Math.cos(i) * 4)
    )
    const octave = encodeOctave(
      Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => Math.sin(i) * 6)
    )
    const detailed = { ...c, detail: { basis: SKIN_DETAIL_VERSION, weights, residual, octave } }
    const smooth = smoothedDetail(detailed)
    expect(smooth).toEqual({ ...c, detail: { basis: SKIN_DETAIL_VERSION, weights } })
    expect('residual' in smooth.detail!).toBe(false)
    expect('octave' in smooth.detail!).toBe(false)
    // a character from before the octave (session 51) smooths as it did
    expect(
      smoothedDetail({ ...c, detail: { basis: SKIN_DETAIL_VERSION, weights, residual } })
    ).toEqual(smooth)
    expect(checkCharacterV2(smooth)).toEqual([])
    expect(detailed.detail.residual).toBe(residual) // a new character; history keeps the old one
    // nothing to smooth: the same character back
    expect(smoothedDetail(smooth)).toBe(smooth)
    expect(smoothedDetail(c)).toBe(c)
  })
})
