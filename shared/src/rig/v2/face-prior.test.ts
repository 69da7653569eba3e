import { describe, expect, it } from 'vitest'
import { randomPlausibleCharacter } from './character.ts'
import {
  ASYMMETRIC_FACE_SLIDERS,
  FACE_PRIOR_KEYS,
  FACE_PRIOR_RANK,
  faceSlidersFromLatent,
  symmetricKey,
} from './face-prior.ts'
import { FACE_PRIOR } from './face-prior.gen.ts'
import { FACE_SLIDERS_V2 } from './sliders.ts'

const twoSided = FACE_SLIDERS_V2.filter((s) => s.low)

describe('face prior', () => {
  it('covers every two-sided face slider but the sideways shifts, with a usable low-rank basis', () => {
    const keys = new Set(
      twoSided.filter((s) => !ASYMMETRIC_FACE_SLIDERS.includes(s.id)).map((s) => symmetricKey(s.id))
    )
    expect(new Set(FACE_PRIOR.keys)).toEqual(keys)
    expect(FACE_PRIOR_KEYS).toBe(keys.size)
    expect(FACE_PRIOR_RANK).toBeGreaterThan(2)
    for (const c of FACE_PRIOR.components) expect(c).toHaveLength(FACE_PRIOR_KEYS)
    for (const r of FACE_PRIOR.residual) expect(r).toBeGreaterThan(0)
    // The mean face stays well inside the safe ranges.
    for (const m of FACE_PRIOR.mean) expect(Math.abs(m)).toBeLessThan(1)
  })

  it('maps z = 0 to the fitted mean and moves mirrored pairs together', () => {
    const at0: Record<string, number> = {}
    faceSlidersFromLatent([], at0)
    FACE_PRIOR.keys.forEach((key, k) => {
      const ids = twoSided.filter((s) => symmetricKey(s.id) === key).map((s) => s.id)
      for (const id of ids) expect(at0[id]).toBeCloseTo(0.5 + 0.5 * FACE_PRIOR.mean[k]!, 6)
    })
    const far: Record<string, number> = {}
    faceSlidersFromLatent([3, -3, 3], far, Array(FACE_PRIOR_KEYS).fill(2), 5)
    for (const s of twoSided) {
      const v = far[s.id]!
      expect(v >= 0 && v <= 1).toBe(true)
      const mirror = s.id.replace(/^face\.l-/, 'face.r-')
      expect(far[mirror]).toBe(v)
    }
    for (const id of ASYMMETRIC_FACE_SLIDERS) expect(far[id]).toBe(0.5)
  })

  it('gives random plausible people symmetric faces (no crooked noses or mouths)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const c = randomPlausibleCharacter(seed)
      for (const id of ASYMMETRIC_FACE_SLIDERS) expect(c.sliders[id]).toBe(0.5)
      for (const s of twoSided.filter((d) => d.id.startsWith('face.l-')))
        expect(c.sliders[s.id]).toBe(c.sliders[s.id.replace('face.l-', 'face.r-')])
    }
  })

  it('varies faces between people (the prior is not collapsed onto its mean)', () => {
    const people = Array.from({ length: 40 }, (_, i) => randomPlausibleCharacter(i + 1))
    const sd = twoSided.map((s) => {
      const v = people.map((c) => c.sliders[s.id]!)
      const m = v.reduce((a, b) => a + b, 0) / v.length
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length)
    })
    const mean = sd.reduce((a, b) => a + b, 0) / sd.length
    expect(mean).toBeGreaterThan(0.08)
  })

  it('draws relaxed brows: rarely tilted fully down (a frown) or pulled fully down onto the eyes', () => {
    const people = Array.from({ length: 100 }, (_, i) => randomPlausibleCharacter(i + 1))
    for (const id of ['face.eyebrows-angle.down-up', 'face.eyebrows-trans.down-up']) {
      const down = people.filter((c) => c.sliders[id]! < 0.03).length
      // Measured: 2 and 1 of 100; drawn at FACE_SPREAD like the other sliders (before), 31 and 33.
      expect(down, id).toBeLessThan(10)
    }
  })
})
