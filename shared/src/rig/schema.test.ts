import { describe, expect, it } from 'vitest'
import { COLORS, RIG, SLIDERS, STYLES, VECTOR_LENGTH } from './index.ts'

describe('rig schema', () => {
  it('has at least 100 continuous sliders with unique ids, in every required group', () => {
    expect(SLIDERS.length).toBeGreaterThanOrEqual(100)
    const ids = [...SLIDERS, ...COLORS, ...STYLES].map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    const groups = new Set(SLIDERS.map((s) => s.group))
    for (const g of [
      'face',
      'forehead',
      'cheeks',
      'jaw',
      'chin',
      'brows',
      'eyes',
      'nose',
      'mouth',
      'ears',
    ]) {
      expect(groups, `group ${g}`).toContain(g)
    }
  })

  it('gives every slider a named bone, a real range and a default inside [0, 1]', () => {
    for (const s of SLIDERS) {
      expect(s.bone, s.id).toMatch(/^[a-z_]+$/)
      // min > max is allowed: it makes the slider grow in the direction its label names.
      expect(Math.abs(s.max - s.min), s.id).toBeGreaterThan(0)
      expect(s.default, s.id).toBeGreaterThanOrEqual(0)
      expect(s.default, s.id).toBeLessThanOrEqual(1)
      if (s.op === 'scale') expect(Math.min(s.min, s.max), s.id).toBeGreaterThan(0)
      if (s.op === 'rotate')
        expect(Math.max(Math.abs(s.min), Math.abs(s.max)), s.id).toBeLessThan(1)
    }
  })

  it('has the discrete groups the issue asks for, with enough options and valid defaults', () => {
    const count = (id: string) => STYLES.find((s) => s.id === id)!.options.length
    expect(count('hair.style')).toBeGreaterThanOrEqual(6)
    expect(count('brows.style')).toBeGreaterThanOrEqual(6)
    expect(count('hair.facial')).toBeGreaterThanOrEqual(4)
    expect(count('makeup.lipstick')).toBeGreaterThanOrEqual(4)
    for (const s of STYLES) expect(s.options.map((o) => o.id)).toContain(s.default)
  })

  it('has skin, iris, brow, hair and lip colours whose stops are valid sRGB', () => {
    const ids = COLORS.map((c) => c.id)
    for (const id of [
      'skin.tone',
      'eyes.iris_color',
      'brows.color',
      'hair.color',
      'mouth.lip_tint',
    ]) {
      expect(ids).toContain(id)
    }
    for (const c of COLORS) {
      for (const stop of c.stops) for (const v of stop) expect(v >= 0 && v <= 255).toBe(true)
      if (c.target) expect(ids).toContain(c.target)
    }
  })

  it('is frozen and serialises to the documented JSON shape', () => {
    expect(Object.isFrozen(RIG)).toBe(true)
    expect(Object.isFrozen(SLIDERS[0])).toBe(true)
    const json = JSON.parse(JSON.stringify(RIG))
    expect(Object.keys(json)).toEqual(['version', 'continuous', 'discrete', 'colors'])
    expect(Object.keys(json.continuous[0])).toEqual(
      expect.arrayContaining(['id', 'group', 'label', 'min', 'max', 'default'])
    )
    expect(VECTOR_LENGTH).toBe(SLIDERS.length + COLORS.length)
  })
})
