import { describe, expect, it } from 'vitest'
import {
  ASYMMETRIC_FACE_SLIDERS,
  FACE_PRIOR_KEYS,
  FACE_PRIOR_RANK,
  SLIDERS_V2,
  STYLES_V2,
} from '@facecraft/shared/rig-v2'
import {
  alignedNme,
  allowedStylesV2,
  genderValue,
  jointScore,
  plausibleStylesV2,
  priorSpaceV2,
  RECOGNISER_SCALE,
  type PhotoEvidence,
} from './reach-prior.ts'
import { canonicalTemplate } from '@facecraft/shared/face'

const evidence: PhotoEvidence = { skinTone: 0.7, hairColor: 0.1, facialHair: false }
const index = (id: string) => SLIDERS_V2.findIndex((s) => s.id === id)

describe('priorSpaceV2', () => {
  it('starts at the prior mean with the photo colours, at no cost, and keeps faces symmetric', () => {
    const space = priorSpaceV2(evidence)
    const { x, penalty } = space.decode(space.start)
    expect(penalty).toBe(0)
    const tone = SLIDERS_V2.length + 0 // skin.tone is the first colour
    expect(x[tone]).toBeCloseTo(0.7, 9)
    for (const v of x) expect(v >= 0 && v <= 1).toBe(true)
    const y = Float64Array.from(space.start, (v, i) => v + ((i * 7919) % 13) / 13 - 0.4)
    const moved = space.decode(y)
    expect(moved.penalty).toBeGreaterThan(0)
    for (const id of ASYMMETRIC_FACE_SLIDERS) expect(moved.x[index(id)]).toBe(0.5)
    for (const s of SLIDERS_V2.filter((d) => d.id.startsWith('face.l-') && d.low))
      expect(moved.x[index(s.id)]).toBe(moved.x[index(s.id.replace('face.l-', 'face.r-'))])
  })

  it('charges for leaving the prior and the photo colours', () => {
    const space = priorSpaceV2(evidence)
    const far = Float64Array.from(space.start)
    far[0] = 1 // 5 prior sds on the first component
    expect(space.decode(far).penalty).toBeGreaterThan(0)
    const tone = Float64Array.from(space.start)
    const at = space.start.length - 10 // the colours close the vector, skin.tone first
    tone[at] = 0.2
    expect(space.decode(tone).x[SLIDERS_V2.length]).toBeCloseTo(0.2, 9)
    expect(space.decode(tone).penalty).toBeGreaterThan(0.3)
  })
})

describe('allowedStylesV2', () => {
  it('tries no lipstick or glasses, and facial hair only when the photo shows it', () => {
    const count = (e: PhotoEvidence, id: string) => {
      const g = STYLES_V2.findIndex((s) => s.id === id)
      return STYLES_V2[g]!.options.filter((_, o) => allowedStylesV2(e)(g, o)).map((o) => o.id)
    }
    expect(count(evidence, 'makeup.lipstick')).toEqual(['none'])
    expect(count(evidence, 'glasses.style')).toEqual(['none'])
    expect(count(evidence, 'hair.facial')).toEqual(['none'])
    expect(count({ ...evidence, facialHair: true }, 'hair.facial').length).toBeGreaterThan(3)
    expect(count(evidence, 'hair.style').length).toBe(
      STYLES_V2.find((s) => s.id === 'hair.style')!.options.length
    )
  })
})

describe('alignedNme', () => {
  it('is zero for the same face moved, turned and scaled, and grows with a changed shape', () => {
    const t = canonicalTemplate()
    const moved = Float32Array.from(t, (v, i) => {
      const k = i >> 1
      const [x, y] = [t[2 * k]!, t[2 * k + 1]!]
      const c = Math.cos(0.2),
        s = Math.sin(0.2)
      return i % 2 ? 300 * (s * x + c * y) + 40 : 300 * (c * x - s * y) + 70
    })
    expect(alignedNme(t, moved)).toBeLessThan(1e-5)
    const wide = Float32Array.from(moved, (v, i) =>
      i >= 96 && i < 136 && i % 2 === 0 ? v * 1.05 : v
    )
    expect(alignedNme(t, wide)).toBeGreaterThan(0.005)
  })
})

describe('sex in the reach search', () => {
  const g = SLIDERS_V2.findIndex((s) => s.id === 'who.gender')
  const space = priorSpaceV2(evidence)
  // The gender coordinate: the first box coordinate (macros first, in rig order), after the face's latent part.
  const at = (y: number) => {
    const v = Float64Array.from(space.start)
    v[FACE_PRIOR_RANK + FACE_PRIOR_KEYS] = y
    return space.decode(v).x[g]!
  }
  it('maps the gender coordinate onto women or men, never in between', () => {
    for (let y = 0; y <= 1; y += 0.05) {
      const v = at(y)
      expect(v <= 0.15 || v >= 0.85).toBe(true)
    }
    expect(at(0.1)).toBeLessThan(0.15)
    expect(at(0.9)).toBeGreaterThan(0.85)
  })

  it('gives each sex its styles: no facial hair on women, hairstyles the prior gives the sex', () => {
    const hair = STYLES_V2.findIndex((s) => s.id === 'hair.style')
    const facial = STYLES_V2.findIndex((s) => s.id === 'hair.facial')
    const idx = (grp: number, id: string) => STYLES_V2[grp]!.options.findIndex((o) => o.id === id)
    const styles = new Int32Array(STYLES_V2.length)
    styles[hair] = idx(hair, 'bald')
    styles[facial] = idx(facial, 'goatee')
    const x = new Float64Array(SLIDERS_V2.length + 10)
    x[g] = 0.1
    const woman = plausibleStylesV2({ x, styles })
    expect(STYLES_V2[hair]!.options[woman.styles[hair]!]!.id).toBe('long')
    expect(STYLES_V2[facial]!.options[woman.styles[facial]!]!.id).toBe('none')
    x[g] = 0.9
    const man = plausibleStylesV2({ x, styles })
    expect(STYLES_V2[hair]!.options[man.styles[hair]!]!.id).toBe('bald')
    expect(STYLES_V2[facial]!.options[man.styles[facial]!]!.id).toBe('goatee')
    styles[hair] = idx(hair, 'ponytail')
    expect(STYLES_V2[hair]!.options[plausibleStylesV2({ x, styles }).styles[hair]!]!.id).toBe(
      'short'
    )
  })
})

describe('the photo sex and the joint recogniser score', () => {
  it("holds the gender slider to the photo's sex over the whole search coordinate", () => {
    for (let g = 0; g <= 1.0001; g += 0.05) {
      expect(genderValue(g, 'female')).toBeLessThanOrEqual(0.15 + 1e-12)
      expect(genderValue(g, 'male')).toBeGreaterThanOrEqual(0.85)
    }
    // Unknown sex: either, by the coordinate's half.
    expect(genderValue(0.2, null)).toBeLessThan(0.5)
    expect(genderValue(0.8, null)).toBeGreaterThan(0.5)
    const gender = index('who.gender')
    for (const sex of ['female', 'male'] as const) {
      const space = priorSpaceV2({ ...evidence, sex })
      for (let k = 0; k < 20; k++) {
        const y = Float64Array.from(space.start, (v, i) => v + (((i + k) * 7919) % 17) / 17 - 0.5)
        const { x } = space.decode(y)
        expect(x[gender]! > 0.5).toBe(sex === 'male')
      }
    }
  })

  it('scores two recognisers on one scale, the weaker counting twice', () => {
    const m = RECOGNISER_SCALE.mobileface
    const d = RECOGNISER_SCALE.dlib
    // Both at a stranger's level, or both at the same person's: the MobileFace value itself.
    expect(jointScore(m.others, d.others)).toBeCloseTo(m.others, 9)
    expect(jointScore(m.own, d.own)).toBeCloseTo(m.own, 9)
    // One recogniser fooled, the other at a stranger's level: a third of the way only.
    const fooled = jointScore(m.own, d.others)
    expect(fooled).toBeCloseTo(m.others + (m.own - m.others) / 3, 9)
    expect(jointScore(m.others, d.own)).toBeCloseTo(fooled, 9)
    // Monotone in each recogniser.
    expect(jointScore(0.5, 0.9)).toBeGreaterThan(jointScore(0.45, 0.9))
    expect(jointScore(0.5, 0.9)).toBeGreaterThan(jointScore(0.5, 0.88))
  })
})
