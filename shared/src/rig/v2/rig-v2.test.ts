import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeSkinDetail } from '../../detail/basis.ts'
import { sexAxis } from '../../detail/sex.ts'
import { encodeOctave, OCTAVE_CHARS, OCTAVE_PIXELS } from '../../detail/octave.ts'
import { encodeResidual, RESIDUAL_CHARS } from '../../detail/residual.ts'
import { SKIN_DETAIL_COUNT, SKIN_DETAIL_PIXELS, SKIN_DETAIL_VERSION } from '../../detail/spec.ts'
import DICE_AXIS from './dice-detail-axis.json' with { type: 'json' }
import { createCharacter, randomCharacter } from '../character.ts'
import { RANDOM_DETAIL_COMPONENTS } from './character.ts'
import { checkCharacter } from '../validate.ts'
import { encodeShareCode, ShareCodeError } from '../share-code.ts'
import {
  BROW_MAP,
  checkCharacterV2,
  createCharacterV2,
  decodeAnyShareCode,
  decodeShareCodeV2,
  encodeShareCodeV2,
  FACE_SLIDERS_V2,
  HAIR_MAP,
  WOMEN_BROWS,
  migrateV1,
  PROPORTION_MAP,
  quantizeCharacterV2,
  randomPlausibleCharacter,
  SLIDERS_V2,
  STYLES_V2,
  validateCharacterV2,
} from './index.ts'

const options = (id: string) => STYLES_V2.find((s) => s.id === id)!.options.map((o) => o.id)

describe('rig v2 schema', () => {
  it('offers >= 120 face sliders with safe limits, and the required styles', () => {
    expect(FACE_SLIDERS_V2.length).toBeGreaterThanOrEqual(120)
    for (const s of FACE_SLIDERS_V2) expect(s.limit).toBeGreaterThan(0)
    expect(new Set(SLIDERS_V2.map((s) => s.id)).size).toBe(SLIDERS_V2.length)
    expect(options('hair.style').length).toBeGreaterThanOrEqual(10)
    expect(options('hair.style')).toEqual(expect.arrayContaining(['bald', 'buzz']))
    expect(options('brows.style').length).toBeGreaterThanOrEqual(6)
    expect(options('hair.facial').length).toBeGreaterThanOrEqual(5)
    expect(options('glasses.style')[0]).toBe('none')
    expect(options('glasses.style').length).toBeGreaterThanOrEqual(4)
    for (const id of ['smile', 'mouth_open', 'brows_up', 'brows_down', 'eyes_narrow'])
      expect(SLIDERS_V2.some((s) => s.id === `expression.${id}`)).toBe(true)
  })

  it('validates with precise paths', () => {
    expect(checkCharacterV2(createCharacterV2())).toEqual([])
    const bad = createCharacterV2()
    bad.sliders['who.age'] = 2
    bad.styles['hair.style'] = 'mohawk'
    const issues = checkCharacterV2(bad)
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['sliders.who.age', 'out-of-range'],
      ['styles.hair.style', 'unknown-option'],
    ])
    expect(checkCharacterV2(createCharacter())[0]!.message).toMatch(/migrateV1/)
  })
})

describe('randomPlausibleCharacter', () => {
  it('is valid, deterministic and plausible', () => {
    let men = 0
    const menBrows = new Set<string>()
    for (let seed = 1; seed <= 60; seed++) {
      const c = randomPlausibleCharacter(seed)
      expect(validateCharacterV2(c)).toBe(c)
      expect(randomPlausibleCharacter(seed)).toEqual(c)
      const male = c.sliders['who.gender']! > 0.5
      if (male) men++
      if (!male) expect(c.styles['hair.facial']).toBe('none')
      if (male) expect(c.styles['makeup.lipstick']).toBe('none')
      if (male) menBrows.add(c.styles['brows.style']!)
      else expect(WOMEN_BROWS).toContain(c.styles['brows.style']) // women's brows read as a woman's
    }
    expect([...menBrows].some((b) => !WOMEN_BROWS.includes(b))).toBe(true) // men have every shape
    expect(men).toBeGreaterThan(15)
    expect(men).toBeLessThan(45)
  })
})

describe('randomPlausibleCharacter with skin detail', () => {
  it('adds valid, seeded detail and leaves the rest of the character as its seed draws it', () => {
    for (const seed of [1, 2, 99]) {
      const plain = randomPlausibleCharacter(seed)
      const detailed = randomPlausibleCharacter(seed, { detail: true })
      expect(plain.detail).toBeUndefined()
      const { detail, ...rest } = detailed
      expect(rest).toEqual(plain)
      expect(detail!.weights).toHaveLength(SKIN_DETAIL_COUNT)
      expect(checkCharacterV2(detailed)).toEqual([])
      expect(randomPlausibleCharacter(seed, { detail: true })).toEqual(detailed)
      // the first RANDOM_DETAIL_COMPONENTS vary at about RANDOM_DETAIL_SPREAD, the rest are 0
      const varied = detail!.weights.slice(0, RANDOM_DETAIL_COMPONENTS)
      const sd = Math.sqrt(varied.reduce((a, w) => a + w * w, 0) / varied.length)
      expect(sd).toBeGreaterThan(0.3)
      expect(sd).toBeLessThan(0.5)
      expect(detail!.weights.slice(RANDOM_DETAIL_COMPONENTS).every((w) => w === 0)).toBe(true)
    }
  })
})

describe("the dice's skin detail on its own sex's side", () => {
  it("carries the released basis's sex axis (models/detail/dice-axis.ts)", () => {
    const basis = decodeSkinDetail(
      new Uint8Array(
        readFileSync(
          new URL(
            `../../../assets/skin-detail/skin-detail-v${SKIN_DETAIL_VERSION}.bin`,
            import.meta.url
          )
        )
      )
    )
    const axis = sexAxis(basis)
    expect([DICE_AXIS.basis, DICE_AXIS.components]).toEqual([
      SKIN_DETAIL_VERSION,
      RANDOM_DETAIL_COMPONENTS,
    ])
    DICE_AXIS.along.forEach((v, k) => expect(v).toBeCloseTo(axis.along[k]!, 6))
    DICE_AXIS.spread.forEach((v, k) => expect(v / axis.spread[k]!).toBeCloseTo(1, 6))
  })

  it("points no woman's random detail toward men and no man's toward women", () => {
    // the detail's luminance along the men-minus-women direction, and what a share code's rounding can move it
    const along = (w: readonly number[]) =>
      DICE_AXIS.along.reduce((a, v, k) => a + w[k]! * DICE_AXIS.spread[k]! * v, 0)
    const rounding = DICE_AXIS.along.reduce(
      (a, v, k) => a + (0.5 / 31) * Math.abs(DICE_AXIS.spread[k]! * v),
      0
    )
    let onSide = 0
    for (let seed = 1; seed <= 80; seed++) {
      const c = randomPlausibleCharacter(seed, { detail: true })
      const t = along(c.detail!.weights)
      const male = c.sliders['who.gender']! >= 0.5
      expect(male ? -t : t).toBeLessThanOrEqual(rounding)
      if (Math.abs(t) > rounding) onSide++
    }
    // the draws that pointed the character's own way keep their push (half of them, about)
    expect(onSide).toBeGreaterThan(20)
  })
})

describe('fc2 share codes', () => {
  it('round-trip to the quantised character and name', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const c = randomPlausibleCharacter(seed)
      const code = encodeShareCodeV2(c, 'Ada ✓')
      expect(code.startsWith('fc2.')).toBe(true)
      const back = decodeShareCodeV2(code)
      expect(back.name).toBe('Ada ✓')
      expect(back.character).toEqual(quantizeCharacterV2(c))
    }
  })

  it('reject corruption and truncation with a clear problem', () => {
    const code = encodeShareCodeV2(randomPlausibleCharacter(3))
    const flipped = code.slice(0, 40) + (code[40] === 'A' ? 'B' : 'A') + code.slice(41)
    expect(() => decodeShareCodeV2(flipped)).toThrow(ShareCodeError)
    try {
      decodeShareCodeV2(flipped)
    } catch (e) {
      expect((e as ShareCodeError).problem).toBe('corrupted')
    }
    try {
      decodeShareCodeV2(code.slice(0, 60))
    } catch (e) {
      expect((e as ShareCodeError).problem).toBe('truncated')
    }
    expect(() => decodeShareCodeV2('hello')).toThrow(/fc2\./)
  })

  it('carry skin detail in format 3 (basis v1), 4 (v2), 5 (v3), 6 (v4) or 7 (v5), and leave characters without it in format 2', () => {
    const plain = randomPlausibleCharacter(4)
    const code = encodeShareCodeV2(plain, 'Bo')
    const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) => Math.sin(i * 1.7) * 3.9)
    const withDetail = { ...plain, detail: { basis: SKIN_DETAIL_VERSION, weights } }
    const detailed = encodeShareCodeV2(withDetail, 'Bo')
    // the format byte: the first 6 bits of 0x02, 0x03 are 'A' in base64url, of 0x04 to 0x07 'B'; the next 2 tell
    // them apart
    expect(code.slice(4, 6)).toBe('Ag')
    expect(detailed.slice(4, 6)).toBe('Bw')
    const onV4 = { ...plain, detail: { basis: 4, weights: weights.slice(0, 544) } }
    const v4Code = encodeShareCodeV2(onV4, 'Bo')
    expect(v4Code.slice(4, 6)).toBe('Bg')
    expect(decodeShareCodeV2(v4Code).character).toEqual(quantizeCharacterV2(onV4))
    const onV3 = { ...plain, detail: { basis: 3, weights: weights.slice(0, 480) } }
    const v3Code = encodeShareCodeV2(onV3, 'Bo')
    expect(v3Code.slice(4, 6)).toBe('BQ')
    expect(decodeShareCodeV2(v3Code).character).toEqual(quantizeCharacterV2(onV3))
    const onV2 = { ...plain, detail: { basis: 2, weights: weights.slice(0, 480) } }
    const v2Code = encodeShareCodeV2(onV2, 'Bo')
    expect(v2Code.slice(4, 6)).toBe('BA')
    expect(decodeShareCodeV2(v2Code).character).toEqual(quantizeCharacterV2(onV2))
    expect(detailed.length).toBeGreaterThan(code.length + (SKIN_DETAIL_COUNT * 4) / 3)
    const onV1 = { ...plain, detail: { basis: 1, weights: weights.slice(0, 256) } }
    const v1Code = encodeShareCodeV2(onV1, 'Bo')
    expect(v1Code.slice(4, 6)).toBe('Aw')
    expect(decodeShareCodeV2(v1Code).character).toEqual(quantizeCharacterV2(onV1))
    expect(() => encodeShareCodeV2({ ...plain, detail: { basis: 1, weights } })).toThrow(/256/)
    expect(decodeShareCodeV2(code).character.detail).toBeUndefined()
    const back = decodeShareCodeV2(detailed)
    expect(back.character).toEqual(quantizeCharacterV2(withDetail))
    back.character.detail!.weights.forEach((w, i) =>
      expect(Math.abs(w - weights[i]!)).toBeLessThanOrEqual(0.5 / 31)
    )
    // a detail code survives the app's own validation, and a damaged one is told apart
    expect(checkCharacterV2(back.character)).toEqual([])
    const cut = detailed.slice(0, detailed.length - 40) // whole base64 quads: a shorter, well-formed code
    expect(() => decodeShareCodeV2(cut)).toThrow(/incomplete/)
    const flipped =
      detailed.slice(0, 120) + (detailed[120] === 'A' ? 'B' : 'A') + detailed.slice(121)
    expect(() => decodeShareCodeV2(flipped)).toThrow(/damaged/)
  })

  it("carry a read's residual in format 64 + the basis version, and open every code made before it", () => {
    const plain = randomPlausibleCharacter(4)
    const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) => Math.sin(i * 1.3) * 2)
    const residual = encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 3 * Math.sin(i * 0.9))
    )
    const withResidual = { ...plain, detail: { basis: SKIN_DETAIL_VERSION, weights, residual } }
    expect(checkCharacterV2(withResidual)).toEqual([])
    const code = encodeShareCodeV2(withResidual, 'Ro')
    const without = encodeShareCodeV2(
      { ...plain, detail: { basis: SKIN_DETAIL_VERSION, weights } },
      'Ro'
    )
    // format 0x45 (64 + 5) is 'RQ' in base64url; without the residual the code is as it was (format 7, 'Bw')
    expect(code.slice(4, 6)).toBe('RQ')
    expect(without.slice(4, 6)).toBe('Bw')
    expect(code.length - without.length).toBe(RESIDUAL_CHARS)
    const back = decodeShareCodeV2(code)
    expect(back.name).toBe('Ro')
    expect(back.character).toEqual(quantizeCharacterV2(withResidual))
    expect(back.character.detail!.residual).toBe(residual)
    expect(checkCharacterV2(back.character)).toEqual([])
    expect(decodeShareCodeV2(without).character.detail!.residual).toBeUndefined()
    // on an earlier basis too (a character read then, given a residual by no app today, still travels)
    const onV1 = { ...plain, detail: { basis: 1, weights: weights.slice(0, 256), residual } }
    expect(decodeShareCodeV2(encodeShareCodeV2(onV1)).character.detail).toEqual(
      quantizeCharacterV2(onV1).detail
    )
    // cut inside the residual, or one character of it changed: told apart, nothing half-opened
    expect(() => decodeShareCodeV2(code.slice(0, code.length - 400))).toThrow(/incomplete/)
    const at = code.length - 300
    const flipped = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1)
    expect(() => decodeShareCodeV2(flipped)).toThrow(/damaged/)
    // a format this app does not read (a basis to come) is told to update, by the format byte
    expect(() => decodeShareCodeV2(`fc2.SQ${code.slice(6)}`)).toThrow(/format 73 .* update the app/)
  })

  it("carry a read's octave after its residual in format 128 + the basis version; codes before it still open", () => {
    const plain = randomPlausibleCharacter(5)
    const weights = Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) => Math.cos(i * 0.7) * 2)
    const residual = encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 3 * Math.sin(i * 0.9))
    )
    const octave = encodeOctave(
      Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => 6 * Math.sin(i * 0.37))
    )
    const detail = { basis: SKIN_DETAIL_VERSION, weights, residual, octave }
    const withOctave = { ...plain, detail }
    expect(checkCharacterV2(withOctave)).toEqual([])
    const code = encodeShareCodeV2(withOctave, 'Oz')
    const before = encodeShareCodeV2({ ...plain, detail: { ...detail, octave: undefined } }, 'Oz')
    // format 0x85 (128 + 5) is 'hQ' in base64url; without the octave the code is as it was (format 69, 'RQ')
    expect(code.slice(4, 6)).toBe('hQ')
    expect(before.slice(4, 6)).toBe('RQ')
    expect(code.length - before.length).toBe(OCTAVE_CHARS)
    const back = decodeShareCodeV2(code)
    expect(back.name).toBe('Oz')
    expect(back.character).toEqual(quantizeCharacterV2(withOctave))
    expect(back.character.detail!.residual).toBe(residual)
    expect(back.character.detail!.octave).toBe(octave)
    expect(checkCharacterV2(back.character)).toEqual([])
    expect(decodeShareCodeV2(before).character.detail!.octave).toBeUndefined()
    // cut inside the octave, or one character of it changed: told apart, nothing half-opened
    expect(() => decodeShareCodeV2(code.slice(0, code.length - 800))).toThrow(/incomplete/)
    const at = code.length - 600
    const flipped = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1)
    expect(() => decodeShareCodeV2(flipped)).toThrow(/damaged/)
    // a damaged first character naming a longer format (a plain code's 2 read as 130, an octave's on basis v2) is
    // told as damaged, not as cut short
    const plainCode = encodeShareCodeV2(plain, 'Oz')
    expect(() => decodeShareCodeV2(`fc2.g${plainCode.slice(5)}`)).toThrow(/damaged/)
    expect(() => decodeShareCodeV2(`fc2.g${before.slice(5)}`)).toThrow(/damaged/)
    // an octave without its residual is no character this app makes, and no code carries one
    const alone = { ...plain, detail: { basis: SKIN_DETAIL_VERSION, weights, octave } }
    expect(checkCharacterV2(alone).map((i) => `${i.path} ${i.code}`)).toEqual([
      'detail.octave wrong-type',
    ])
    expect(checkCharacterV2(alone)[0]!.message).toMatch(/comes only with a residual/)
    expect(() => encodeShareCodeV2(alone)).toThrow(/octave/)
  })

  it('validate skin detail with precise paths', () => {
    const c = createCharacterV2()
    const ok = {
      ...c,
      detail: { basis: SKIN_DETAIL_VERSION, weights: Array(SKIN_DETAIL_COUNT).fill(0.5) },
    }
    expect(checkCharacterV2(ok)).toEqual([])
    // characters read on basis v1 (256 weights) stay valid
    expect(checkCharacterV2({ ...c, detail: { basis: 1, weights: Array(256).fill(-1) } })).toEqual(
      []
    )
    const issues = checkCharacterV2({
      ...c,
      detail: {
        basis: 9,
        weights: [...Array(SKIN_DETAIL_COUNT - 2).fill(0), 7, Number.NaN],
        extra: 1,
      },
    })
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'detail.extra unknown-id',
      'detail.basis unsupported-rig',
      `detail.weights.${SKIN_DETAIL_COUNT - 2} out-of-range`,
      `detail.weights.${SKIN_DETAIL_COUNT - 1} wrong-type`,
    ])
    expect(checkCharacterV2({ ...c, detail: { basis: 1, weights: [1, 2] } })[0]!.message).toMatch(
      /array of 256 numbers \(basis v1\), got 2/
    )
    const short = { basis: SKIN_DETAIL_VERSION, weights: Array(256).fill(0) }
    expect(checkCharacterV2({ ...c, detail: short })[0]!.message).toMatch(
      new RegExp(
        `array of ${SKIN_DETAIL_COUNT} numbers \\(basis v${SKIN_DETAIL_VERSION}\\), got 256`
      )
    )
    expect(checkCharacterV2({ ...c, detail: 'x' })[0]!.path).toBe('detail')
    // a residual: exactly RESIDUAL_CHARS of base64url, else one issue that says what it is
    const residual = encodeResidual(new Float32Array(SKIN_DETAIL_PIXELS))
    expect(checkCharacterV2({ ...c, detail: { ...ok.detail, residual } })).toEqual([])
    for (const [bad, said] of [
      [residual.slice(3), `got ${RESIDUAL_CHARS - 3} characters`],
      [`${residual.slice(1)}*`, `got ${RESIDUAL_CHARS} characters that are not one`],
      [[1, 2], 'got an array'],
      [null, 'got null'],
    ] as const) {
      const found = checkCharacterV2({ ...c, detail: { ...ok.detail, residual: bad } })
      expect(found.map((i) => `${i.path} ${i.code}`)).toEqual(['detail.residual wrong-type'])
      expect(found[0]!.message).toContain(`must be ${RESIDUAL_CHARS} base64url characters`)
      expect(found[0]!.message).toContain(said)
    }
    // an octave likewise: exactly OCTAVE_CHARS of base64url
    const octave = encodeOctave(new Float32Array(OCTAVE_PIXELS))
    expect(checkCharacterV2({ ...c, detail: { ...ok.detail, residual, octave } })).toEqual([])
    for (const [bad, said] of [
      [octave.slice(4), `got ${OCTAVE_CHARS - 4} characters`],
      [`${octave.slice(1)}.`, `got ${OCTAVE_CHARS} characters that are not one`],
      [7, 'got number'],
    ] as const) {
      const found = checkCharacterV2({ ...c, detail: { ...ok.detail, residual, octave: bad } })
      expect(found.map((i) => `${i.path} ${i.code}`)).toEqual(['detail.octave wrong-type'])
      expect(found[0]!.message).toContain(`must be ${OCTAVE_CHARS} base64url characters`)
      expect(found[0]!.message).toContain(said)
    }
    // rig v1 never takes detail
    expect(checkCharacter({ ...createCharacter(), detail: ok.detail }).map((i) => i.path)).toEqual([
      'detail',
    ])
  })

  it('open fc1 codes, migrated to rig v2', () => {
    const v1 = randomCharacter(5)
    const opened = decodeAnyShareCode(encodeShareCode(v1, 'Old'))
    expect(opened.migrated).toBe(true)
    expect(opened.name).toBe('Old')
    expect(checkCharacterV2(opened.character)).toEqual([])
    // Round trip: the migrated character travels as fc2 and comes back as itself (quantised).
    const again = decodeAnyShareCode(encodeShareCodeV2(opened.character, opened.name))
    expect(again.migrated).toBe(false)
    expect(again.character).toEqual(quantizeCharacterV2(opened.character))
    // The same v1 character opened from JSON and from its code migrates alike.
    expect(migrateV1(v1).styles).toEqual(opened.character.styles)
  })
})

describe('migrateV1', () => {
  it('maps every v1 character to a valid v2 character (documented mapping)', () => {
    const ids = new Set(SLIDERS_V2.map((s) => s.id))
    for (const targets of Object.values(PROPORTION_MAP))
      for (const t of targets) expect(ids).toContain(t)
    for (const v of Object.values(HAIR_MAP)) expect(options('hair.style')).toContain(v)
    for (const v of Object.values(BROW_MAP)) expect(options('brows.style')).toContain(v)
    for (let seed = 1; seed <= 30; seed++) {
      const v1 = randomCharacter(seed)
      const v2 = migrateV1(v1)
      expect(checkCharacterV2(v2)).toEqual([])
      expect(v2.colors['skin.tone']).toBe(v1.colors['skin.tone'])
      expect(v2.styles['hair.facial']).toBe(v1.styles['hair.facial'])
      expect(v2.styles['hair.style']).toBe(HAIR_MAP[v1.styles['hair.style']!])
    }
    // The default v1 character maps to neutral proportions.
    const d = migrateV1(createCharacter())
    expect(d.sliders['face.nose-scale-horiz.decr-incr']).toBeCloseTo(0.5, 6)
    expect(() => migrateV1({ rig: 1 } as never)).toThrow(/Invalid character/)
  })
})
