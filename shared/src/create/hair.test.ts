import { describe, expect, it } from 'vitest'
import type { Affine } from '../face/affine.ts'
import { createImage, type RgbaImage } from '../image/types.ts'
import { STYLES_V2 } from '../rig/v2/index.ts'
import {
  ALLOWED_BY_READ,
  applyHair,
  COILED_MAX,
  fitHairColour,
  FRINGE_FREE,
  HAIR_BESIDE_FACE,
  HAIR_BOXES,
  HAIR_LIMITS,
  MAN_READ_SURE,
  measureHair,
  SHORT_CUT_SURE,
  SOME_BESIDE_JAW,
  TRANSLATOR_SURE,
  type HairMeasure,
} from './hair.ts'
import { rigCodec } from './rigs.ts'

const S = 128
const SKIN = [200, 150, 120]
const HAIR = [30, 22, 18]
const WHITE = [245, 245, 245]
/** The crop is the photo itself: unit frame -> S px. */
const IDENTITY: Affine = [S, 0, 0, 0, S, 0]

/** A crop in the canonical frame: background, a skin face, hair on top and (optionally) beside the face. */
function portrait(sides: 'none' | 'cheek' | 'long', background = WHITE): RgbaImage {
  const img = createImage(S, S)
  const paint = (box: readonly number[], rgb: number[]) => {
    for (let y = Math.floor(box[2]! * S); y < Math.ceil(box[3]! * S); y++)
      for (let x = Math.floor(box[0]! * S); x < Math.ceil(box[1]! * S); x++)
        img.data.set([...rgb, 255], (y * S + x) * 4)
  }
  paint([0, 1, 0, 1], background)
  paint([0.3, 0.7, 0.3, 0.8], SKIN)
  paint([0.3, 0.7, 0.1, 0.3], HAIR)
  if (sides !== 'none') for (const b of HAIR_BOXES.cheek) paint(b, HAIR)
  if (sides === 'long') for (const b of HAIR_BOXES.low) paint(b, HAIR)
  return img
}

describe('measureHair', () => {
  it('reads the hair colour above the forehead and the length beside the face', () => {
    const long = measureHair(portrait('long'), IDENTITY, [S, S], SKIN)
    expect(long.color).toEqual(HAIR)
    expect(long.length).toBe('long')
    expect(measureHair(portrait('cheek'), IDENTITY, [S, S], SKIN).length).toBe('bob')
    const short = measureHair(portrait('none'), IDENTITY, [S, S], SKIN)
    expect(short.length).toBe('short')
    expect(short.cheek).toBe(0)
  })

  it('leaves the length undecided when the sides are outside the photo or the background is hair-coloured', () => {
    // a photo cropped at the face's edges: x beyond 0.3 .. 0.7 of the frame was not in it
    const tight: Affine = [S, 0, -0.3 * S, 0, S, 0]
    const m = measureHair(portrait('none'), tight, [0.4 * S, S], SKIN)
    expect(m.color).toEqual(HAIR)
    expect(m.length).toBeNull()
    expect(measureHair(portrait('none', [35, 25, 20]), IDENTITY, [S, S], SKIN).length).toBeNull()
  })

  it('flags a length read beside one side of the jaw, where the photo cuts off the other', () => {
    // the photo ends at the frame's x 0.7: the right cheek box (0.73 .. 0.8) is outside it
    const cut: [number, number] = [Math.floor(0.7 * S), S]
    expect(measureHair(portrait('long'), IDENTITY, cut, SKIN)).toMatchObject({ cheek: 1, length: 'long', oneSide: true }) // prettier-ignore
    expect(measureHair(portrait('long'), IDENTITY, [S, S], SKIN).oneSide).toBe(false)
    expect(measureHair(portrait('none'), IDENTITY, cut, SKIN).length).toBe('short')
  })

  it('reads no hair colour from a bare scalp (skin on top, also when brighter)', () => {
    const bald = portrait('none')
    for (let y = 12; y < 39; y++)
      for (let x = 38; x < 90; x++) bald.data.set([230, 173, 138, 255], (y * S + x) * 4)
    expect(measureHair(bald, IDENTITY, [S, S], SKIN).color).toBeNull()
    // nor from the wall above a head that ends lower
    const low = portrait('none')
    for (let y = 12; y < 39; y++)
      for (let x = 38; x < 90; x++) low.data.set([...WHITE, 255], (y * S + x) * 4)
    expect(measureHair(low, IDENTITY, [S, S], SKIN).color).toBeNull()
  })
})

describe('fitHairColour', () => {
  it('gives grey only to light colourless hair', () => {
    expect(fitHairColour([18, 15, 14])).toMatchObject({ color: 0, grey: 0 })
    const brown = fitHairColour([44, 31, 24])
    expect(brown.grey).toBe(0)
    expect(brown.color).toBeCloseTo(1 / 6, 1)
    // a colourless band darker than grey (black hair under its sheen) is dark brown, not grey or light brown
    for (const sheen of [
      [70, 68, 67],
      [128, 123, 120],
      [148, 142, 142],
    ]) {
      const fit = fitHairColour(sheen)
      expect(fit.grey, String(sheen)).toBe(0)
      expect(fit.color, String(sheen)).toBeLessThanOrEqual(1 / 6)
    }
    // ... where a colourful read of the same lightness stays light brown (no darker than the palette's brown)
    expect(fitHairColour([140, 120, 100]).color).toBeGreaterThan(0.4)
    expect(fitHairColour([185, 185, 188]).grey).toBeGreaterThan(0.7)
  })

  it('fits ash blond with some grey, golden blond and darker hair without it, and never red with grey', () => {
    const L = HAIR_LIMITS
    // London's dark-blonde women read about (160, 135, 116): less colourful than the palette's golden blonds
    const ash = fitHairColour([161, 135, 116])
    expect(ash.grey).toBeGreaterThan(0)
    expect(ash.grey).toBeLessThanOrEqual(L.ashGrey)
    expect(ash.red).toBe(0)
    // the palette's own blond, read as it is, takes no grey
    expect(fitHairColour([208, 172, 118])).toMatchObject({ grey: 0 })
    // below ashLight, a muted read stays a palette colour (brown hair never greys)
    expect(fitHairColour([110, 95, 85]).grey).toBe(0)
    // a pink-lit blond read (Canada's studio light) is not fitted as red mixed with grey
    const pink = fitHairColour([159, 116, 107])
    expect(pink.grey === 0 || pink.red === 0).toBe(true)
  })

  it('fits an even, colourless mid-grey read as grey through dark hair, an uneven one as dark hair', () => {
    // the engine's dark hair at grey 0.45 reads about (91, 88, 87), evenly
    const even = fitHairColour([91, 88, 87], true)
    expect(even.grey).toBeGreaterThan(0.25)
    expect(even.color).toBeLessThan(0.3)
    expect(fitHairColour([91, 88, 87], false)).toMatchObject({ grey: 0 })
    // even but dark (Canada's black hair under studio light), or even but brown: never grey
    expect(fitHairColour([52, 48, 50], true).grey).toBe(0)
    expect(fitHairColour([120, 95, 80], true).grey).toBe(0)
  })
})

/** The default rig v2 character with hair style `style` and gender slider `gender` (0 = female end). */
function characterWith(style: string, gender: number) {
  const rig = rigCodec(2)
  const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
  const styles = Int32Array.from(rig.styleSizes, () => 0)
  styles[0] = hair.indexOf(style) // hair.style is the first group
  const character = rig.fromVector(new Float32Array(rig.length).fill(0.5), styles)
  character.sliders['who.gender'] = gender
  return character
}

describe('applyHair', () => {
  it('sets the colour and picks the most probable style the measured length allows', () => {
    const rig = rigCodec(2)
    const styles = Int32Array.from(rig.styleSizes, () => 0)
    const character = rig.fromVector(new Float32Array(rig.length).fill(0.5), styles)
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
    probabilities[hair.indexOf('short')] = 0.6 // hair.style is the first group
    probabilities[hair.indexOf('bob')] = 0.3
    probabilities[hair.indexOf('bob-long')] = 0.2
    probabilities[hair.indexOf('long')] = 0.1
    const out = applyHair(
      character,
      { color: [18, 15, 14], cheek: 1, low: 1, length: 'long', forehead: null, bald: false },
      probabilities,
      rig.styleSizes
    )
    expect(out.styles['hair.style']).toBe('long')
    const bob = {
      color: null,
      cheek: 1,
      low: 0,
      length: 'bob' as const,
      forehead: null,
      bald: false,
    }
    // a man's hair to the jaw: his most probable cut with hair there, never the bob's fringe over an eye (MAN_BOB)
    expect(applyHair(character, bob, probabilities, rig.styleSizes).styles['hair.style']).toBe(
      'short'
    )
    character.sliders['who.gender'] = 0.2
    expect(applyHair(character, bob, probabilities, rig.styleSizes).styles['hair.style']).toBe(
      'bob'
    )
    character.sliders['who.gender'] = 0.5
    expect(out.colors['hair.color']).toBe(0)
    expect(out.colors['hair.grey']).toBe(0)
    expect(character.styles['hair.style']).toBe(hair[0]) // the input is not changed
    const short = {
      color: null,
      cheek: 0,
      low: 0,
      length: 'short' as const,
      forehead: null,
      bald: false,
    }
    expect(applyHair(character, short, probabilities, rig.styleSizes).styles['hair.style']).toBe(
      'short'
    )
    // beside the jaw undecided, nothing below the chin: no long hair, though the translator likes it best
    probabilities[hair.indexOf('long')] = 0.9
    const noneBelow = {
      color: null,
      cheek: 0.15,
      low: 0,
      length: null,
      forehead: null,
      bald: false,
    }
    expect(
      applyHair(character, noneBelow, probabilities, rig.styleSizes).styles['hair.style']
    ).toBe('short')
    // ... unless the band below the chin shows some hair: then the translator's pick stays
    const someBelow = { ...noneBelow, low: 0.05 }
    expect(
      applyHair(character, someBelow, probabilities, rig.styleSizes).styles['hair.style']
    ).toBe(character.styles['hair.style'])
    probabilities[hair.indexOf('long')] = 0.1
    // a woman with nothing beside her face and neck (tied back) gets the tied-back style, not the translator's short
    // crop; where the neck band is not in the photo, or the jaw is undecided, loose long hair (TIED_BACK)
    character.sliders['who.gender'] = 0.2
    expect(applyHair(character, short, probabilities, rig.styleSizes).styles['hair.style']).toBe(
      'ponytail'
    )
    const shortNoNeck = { ...short, low: null }
    expect(
      applyHair(character, shortNoNeck, probabilities, rig.styleSizes).styles['hair.style']
    ).toBe('long')
    expect(
      applyHair(character, noneBelow, probabilities, rig.styleSizes).styles['hair.style']
    ).toBe('long')
    character.sliders['who.gender'] = 0.5
    // hair seen on top, length unknown: a bald character gets the most probable style with hair
    const bald = rig.fromVector(new Float32Array(rig.length).fill(0.5), styles) // option 0 is bald
    expect(bald.styles['hair.style']).toBe('bald')
    const seen = {
      color: [40, 30, 25] as [number, number, number],
      cheek: null,
      low: null,
      length: null,
      forehead: null,
      bald: false,
    }
    expect(applyHair(bald, seen, probabilities, rig.styleSizes).styles['hair.style']).toBe('short')
    probabilities[0] = 0.9 // bald most probable, hair seen on top and none beside the face: short, not bald
    const shortSeen = { ...seen, cheek: 0, low: 0, length: 'short' as const }
    expect(applyHair(bald, shortSeen, probabilities, rig.styleSizes).styles['hair.style']).toBe(
      'short'
    )
    const unmeasured = applyHair(
      character,
      { color: null, cheek: null, low: null, length: null, forehead: null, bald: false },
      probabilities,
      rig.styleSizes
    )
    expect(unmeasured).toEqual({ ...character, colors: { ...character.colors, 'hair.grey': 0 } })
  })

  it("keeps the translator's cut where it is sure of it and the read allows it", () => {
    const rig = rigCodec(2)
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const made = (style: string, p: number, gender: number) => {
      const character = characterWith(style, gender)
      const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
      probabilities[hair.indexOf(style)] = p
      probabilities[hair.indexOf('long')] = Math.max(probabilities[hair.indexOf('long')]!, (1 - p) / 2)
      return { character, probabilities }
    }
    const read = (length: 'long' | 'bob' | 'short', color: [number, number, number] | null = [40, 30, 25]) =>
      ({ color, cheek: length === 'short' ? 0 : 1, low: length === 'long' ? 1 : 0, length, forehead: null, bald: false })
    const styleOf = (m: ReturnType<typeof made>, r: HairMeasure) =>
      applyHair(m.character, r, m.probabilities, rig.styleSizes).styles['hair.style']
    // a woman's short cut or ponytail the translator names (SHORT_CUT_SURE, below TRANSLATOR_SURE) stays; unsure,
    // the tied-back rule gives the tied-back style (the read shows the neck bare), or loose long hair where it does
    // not show the neck
    expect(SHORT_CUT_SURE).toBeLessThan(TRANSLATOR_SURE)
    // just above the bar: the probabilities are float32, and 0.7 is 0.69999999 there
    const aboveBar = SHORT_CUT_SURE + 0.01
    expect(styleOf(made('ponytail', aboveBar, 0.2), read('short'))).toBe('ponytail')
    expect(styleOf(made('short-textured', aboveBar, 0.2), read('short'))).toBe('short-textured')
    expect(styleOf(made('short-textured', SHORT_CUT_SURE - 0.05, 0.2), read('short'))).toBe('ponytail')
    const noNeck = { ...read('short'), low: null }
    expect(styleOf(made('short-textured', SHORT_CUT_SURE - 0.05, 0.2), noNeck)).toBe('long')
    // the lower bar is a woman's with a short read only: a man's unsure braid, a woman's unsure one beside long hair go
    expect(styleOf(made('braid', aboveBar, 0.8), read('short'))).not.toBe('braid')
    expect(styleOf(made('braid', aboveBar, 0.2), read('long'))).toBe('long')
    // a braid is tied back too: a sure one stands beside bare cheeks, for a man or a woman
    expect(styleOf(made('braid', TRANSLATOR_SURE, 0.8), read('short'))).toBe('braid')
    expect(styleOf(made('braid', aboveBar, 0.2), read('short'))).toBe('braid')
    // so is a bob the translator is sure of (the engine's ends at the cheekbone), never the rules' own pick
    expect(styleOf(made('bob', 0.87, 0.27), read('short'))).toBe('bob')
    expect(styleOf(made('bob', SHORT_CUT_SURE - 0.05, 0.2), read('short'))).toBe('ponytail')
    expect(styleOf(made('bob', 0.5, 0.8), read('short'))).not.toBe('bob')
    // long hair behind the shoulders reads as a bob: a sure long stays long, an unsure one becomes the bob
    expect(styleOf(made('long', 0.9, 0.2), read('bob'))).toBe('long')
    expect(styleOf(made('long', 0.5, 0.2), read('bob'))).toBe('bob')
    // a sure pick the read contradicts goes: long hair on a man with none beside his face
    expect(styleOf(made('long', 0.95, 0.8), read('short'))).not.toBe('long')
    // and never bald where hair was seen on top; bald stands where none was
    expect(styleOf(made('bald', 0.95, 0.8), read('short'))).not.toBe('bald')
    expect(styleOf(made('bald', 0.95, 0.8), read('short', null))).toBe('bald')
    for (const [length, allowed] of Object.entries(ALLOWED_BY_READ))
      for (const id of allowed) expect(hair, `${length}: ${id}`).toContain(id)
  }) // prettier-ignore

  it("gives a man whose photo shows no length a short cut, not the translator's long hair", () => {
    const rig = rigCodec(2)
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
    for (const [id, p] of Object.entries({
      long: 0.95,
      braid: 0.02,
      'short-cropped': 0.02,
      bald: 0.01,
    }))
      probabilities[hair.indexOf(id)] = p
    const unread: HairMeasure = {
      color: null,
      cheek: null,
      low: null,
      length: null,
      forehead: null,
      bald: false,
    }
    const seenOnTop: HairMeasure = { ...unread, color: [40, 30, 25], cheek: 0.1 }
    const styleOf = (
      c: ReturnType<typeof characterWith>,
      m: HairMeasure,
      pFemale: number | null = 0.05
    ) => applyHair(c, m, probabilities, rig.styleSizes, pFemale).styles['hair.style']
    // however sure the translator is of long hair (it cannot see hair): his most probable short cut
    for (const style of HAIR_BESIDE_FACE)
      expect(styleOf(characterWith(style, 0.9), unread)).toBe('short-cropped')
    expect(styleOf(characterWith('long', 0.9), seenOnTop)).toBe('short-cropped')
    // hair seen on top: not bald, and not the longer cuts the bald rule would otherwise fall to
    expect(styleOf(characterWith('bald', 0.9), seenOnTop)).toBe('short-cropped')
    // no hair seen, bald picked: it stands
    expect(styleOf(characterWith('bald', 0.9), unread)).toBe('bald')
    // a woman keeps the translator's pick; a man's short cut stays his
    expect(styleOf(characterWith('long', 0.2), unread)).toBe('long')
    expect(styleOf(characterWith('buzz', 0.9), unread)).toBe('buzz')
    // the gender read unsure of a man, or not run: the translator's pick stays
    expect(styleOf(characterWith('long', 0.9), unread, MAN_READ_SURE)).toBe('long')
    expect(styleOf(characterWith('long', 0.9), unread, null)).toBe('long')
    // some hair beside his jaw (undecided, not bare): the translator's pick stays
    const someBeside = { ...seenOnTop, cheek: SOME_BESIDE_JAW }
    expect(styleOf(characterWith('long', 0.9), someBeside)).toBe('long')
    // a length read decides as before: long hair seen beside his face stays
    const long: HairMeasure = { ...seenOnTop, cheek: 1, low: 1, length: 'long' }
    expect(styleOf(characterWith('long', 0.9), long)).toBe('long')
    for (const id of HAIR_BESIDE_FACE) expect(hair).toContain(id)
  })

  it("takes a man's length read beside one side only as undecided, and never gives him the bob", () => {
    const rig = rigCodec(2)
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
    for (const [id, p] of Object.entries({ long: 0.6, bob: 0.3, 'short-cropped': 0.1 }))
      probabilities[hair.indexOf(id)] = p
    const oneSide: HairMeasure = { color: [40, 30, 25], cheek: 0.8, low: null, length: 'long', oneSide: true, forehead: null, bald: false } // prettier-ignore
    const styleOf = (c: ReturnType<typeof characterWith>, m: HairMeasure, pFemale: number | null) =>
      applyHair(c, m, probabilities, rig.styleSizes, pFemale).styles['hair.style']
    // a man the read is sure of: his sideburn or beard is no long hair, he gets his most probable short cut
    expect(styleOf(characterWith('long', 0.9), oneSide, 0.05)).toBe('short-cropped')
    // read from both sides, the same hair is long
    expect(styleOf(characterWith('short-cropped', 0.9), { ...oneSide, oneSide: false }, 0.05)).toBe(
      'long'
    )
    // a woman's one-sided read stands
    expect(styleOf(characterWith('short-cropped', 0.1), oneSide, 0.9)).toBe('long')
    // undecided and unsure of his sex: the translator's pick stays, but not the bob's fringe over one eye
    expect(styleOf(characterWith('long', 0.9), oneSide, 0.5)).toBe('long')
    expect(styleOf(characterWith('bob', 0.9), oneSide, 0.5)).toBe('long')
    expect(styleOf(characterWith('bob', 0.1), oneSide, 0.9)).toBe('long') // a woman's long read
  })

  it("gives a man the translator's ponytail only where it is sure of it", () => {
    const rig = rigCodec(2)
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const styleOf = (p: number, gender: number, coherence: number | null = null) => {
      const character = characterWith('ponytail', gender)
      const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
      probabilities[hair.indexOf('ponytail')] = p
      probabilities[hair.indexOf('afro')] = 0.15
      probabilities[hair.indexOf('buzz')] = 0.1
      probabilities[hair.indexOf('long')] = Math.max(0, 1 - p - 0.25)
      const short: HairMeasure = { color: [40, 30, 25], cheek: 0, low: 0, length: 'short', forehead: null, bald: false, coherence } // prettier-ignore
      return applyHair(character, short, probabilities, rig.styleSizes, 0.05).styles['hair.style']
    }
    // no read tells a ponytail from a short cut: a man's unsure one gives way to his next short cut
    expect(styleOf(0.4, 0.9)).toBe('afro')
    // ... never an Afro the crown's strands rule out
    expect(styleOf(0.4, 0.9, COILED_MAX + 0.05)).toBe('buzz')
    // a sure one stands, and so does a woman's above her bar (SHORT_CUT_SURE)
    expect(styleOf(TRANSLATOR_SURE + 0.01, 0.9)).toBe('ponytail')
    expect(styleOf(SHORT_CUT_SURE + 0.01, 0.2)).toBe('ponytail')
  })

  it('gives a bare forehead the same short cut without its fringe, and keeps a fringe that shows', () => {
    const rig = rigCodec(2)
    const character = rig.fromVector(
      new Float32Array(rig.length).fill(0.5),
      Int32Array.from(rig.styleSizes, () => 0)
    )
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
    probabilities[hair.indexOf('short')] = 0.6
    probabilities[hair.indexOf('buzz')] = 0.3
    const read = (forehead: number | null) =>
      applyHair(
        character,
        { color: [40, 30, 25], cheek: 0, low: 0, length: 'short', forehead, bald: false },
        probabilities,
        rig.styleSizes
      ).styles['hair.style']
    expect(read(0.02)).toBe(FRINGE_FREE.short)
    expect(read(0.16)).toBe(FRINGE_FREE.short) // below every fringe of the hand-labelled TRAIN photos (0.38 up)
    expect(read(0.8)).toBe('short') // a fringe over the band
    expect(read(0.38)).toBe('short') // the lowest fringe read: the translator's pick stays
    expect(read(null)).toBe('short') // not measured (hair read from boxes)
    expect(FRINGE_FREE[FRINGE_FREE.short!]).toBeUndefined() // the counterpart has no fringe itself
  })

  it('keeps the Afro only where the crown shows coils or the translator is sure of it', () => {
    const rig = rigCodec(2)
    const hair = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
    const character = rig.fromVector(
      new Float32Array(rig.length).fill(0.5),
      Int32Array.from(rig.styleSizes, (_, g) => (g === 0 ? hair.indexOf('afro') : 0))
    )
    character.sliders['who.gender'] = 0.9
    const styleOf = (
      coherence: number | null | undefined,
      pAfro: number,
      length: 'short' | null = 'short'
    ) => {
      const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
      probabilities[hair.indexOf('afro')] = pAfro
      probabilities[hair.indexOf('buzz')] = 0.2
      probabilities[hair.indexOf('long')] = 0.25 // more probable than the buzz, but not a short cut
      const read = { color: [30, 25, 22] as [number, number, number], cheek: length ? 0 : null, low: length ? 0 : null, length, forehead: null, bald: false, coherence } // prettier-ignore
      return applyHair(character, read, probabilities, rig.styleSizes, 0.05).styles['hair.style']
    }
    // strands on the crown: the translator's next most probable cut the read allows (not the longer long hair)
    expect(styleOf(COILED_MAX + 0.05, 0.3)).toBe('buzz')
    // unread length: a man's next most probable short cut (HAIR_BESIDE_FACE), a woman's next of all
    expect(styleOf(COILED_MAX + 0.05, 0.3, null)).toBe('buzz')
    character.sliders['who.gender'] = 0.2
    expect(styleOf(COILED_MAX + 0.05, 0.3, null)).toBe('long')
    character.sliders['who.gender'] = 0.9
    // coils, a sure translator, or no texture read: the Afro stays
    expect(styleOf(COILED_MAX - 0.05, 0.3)).toBe('afro')
    expect(styleOf(COILED_MAX + 0.05, TRANSLATOR_SURE)).toBe('afro')
    expect(styleOf(null, 0.3)).toBe('afro')
    expect(styleOf(undefined, 0.3)).toBe('afro')
  })

  it('gives a bald crown the bald style, whatever the translator preferred', () => {
    const rig = rigCodec(2)
    const character = rig.fromVector(
      new Float32Array(rig.length).fill(0.5),
      Int32Array.from(rig.styleSizes, (_, g) => (g === 0 ? 11 : 0))
    )
    const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0)).fill(0.1)
    const bald = { color: null, cheek: null, low: null, length: null, forehead: null, bald: true }
    const out = applyHair(character, bald, probabilities, rig.styleSizes)
    expect(character.styles['hair.style']).not.toBe('bald')
    expect(out.styles['hair.style']).toBe('bald')
  })
})
