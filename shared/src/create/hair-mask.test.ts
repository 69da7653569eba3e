import { describe, expect, it } from 'vitest'
import type { Affine } from '../face/affine.ts'
import { createImage, type RgbaImage } from '../image/types.ts'
import {
  crownCoherence,
  evenTone,
  HAIR_TONE,
  MASK_BOXES,
  measureHairMasked,
  NO_TURN,
  PERSON_FRAME,
  personCropToImage,
  toneMap,
  type TurnMap,
} from './hair-mask.ts'

const S = PERSON_FRAME.size
const SKIN = [200, 150, 120]
const HAIR = [30, 22, 18]
const WALL = [35, 25, 20] // a wall of the hair's colour: only the mask tells it apart
/** alignToImage of a photo whose unit canonical frame is 200 px, at (50, 40) */
const ALIGN: Affine = [200, 0, 50, 0, 200, 40]
const PHOTO: [number, number] = [400, 400]

/** The segmenter's crop and mask of a portrait: wall, a skin face, hair on top and optionally beside it. */
function portrait(sides: 'none' | 'cheek' | 'long'): { crop: RgbaImage; mask: Float32Array } {
  const crop = createImage(S, S)
  const mask = new Float32Array(S * S)
  const { x0, y0, side } = PERSON_FRAME
  const paint = (box: readonly number[], rgb: number[] | null, person: number) => {
    for (let y = Math.floor(((box[2]! - y0) / side) * S); y < Math.ceil(((box[3]! - y0) / side) * S); y++)
      for (let x = Math.floor(((box[0]! - x0) / side) * S); x < Math.ceil(((box[1]! - x0) / side) * S); x++) {
        if (x < 0 || y < 0 || x >= S || y >= S) continue
        if (rgb) crop.data.set([...rgb, 255], (y * S + x) * 4)
        mask[y * S + x] = person
      }
  } // prettier-ignore
  paint([x0, x0 + side, y0, y0 + side], WALL, 0)
  paint([0.3, 0.7, 0.3, 1.2], SKIN, 1) // face and neck
  paint([0.3, 0.7, 0.05, 0.3], HAIR, 1)
  if (sides !== 'none') for (const b of MASK_BOXES.cheek) paint(b, HAIR, 1)
  if (sides === 'long') for (const b of MASK_BOXES.low) paint(b, HAIR, 1)
  return { crop, mask }
}

describe('measureHairMasked', () => {
  it('reads the hair colour on the crown and the length beside the face, not the hair-coloured wall', () => {
    const long = portrait('long')
    const m = measureHairMasked(long.crop, long.mask, ALIGN, PHOTO, SKIN)
    expect(m.color).toEqual(HAIR)
    expect(m.length).toBe('long')
    const bob = portrait('cheek')
    expect(measureHairMasked(bob.crop, bob.mask, ALIGN, PHOTO, SKIN).length).toBe('bob')
    // the wall has the hair's colour: the boxes of hair.ts could not decide; the mask can
    const short = portrait('none')
    const s = measureHairMasked(short.crop, short.mask, ALIGN, PHOTO, SKIN)
    expect(s.length).toBe('short')
    expect(s.cheek).toBe(0)
  })

  it('reads no colour from a bare scalp, and no length where the photo ends at the face', () => {
    const bald = portrait('none')
    const { y0, side } = PERSON_FRAME
    for (let y = 0; y < Math.ceil(((0.3 - y0) / side) * S); y++)
      for (let x = 0; x < S; x++)
        if (bald.mask[y * S + x]) bald.crop.data.set([215, 162, 130, 255], (y * S + x) * 4)
    const b = measureHairMasked(bald.crop, bald.mask, ALIGN, PHOTO, SKIN)
    expect(b.color).toBeNull()
    expect(b.length).toBeNull()
    // a photo cut at the jaw's sides (x 0.3 .. 0.7 of the frame): the colour is read, the length is not
    const p = portrait('none')
    const cut: Affine = [200, 0, -0.3 * 200, 0, 200, 40] // the photo's x 0 is the frame's x 0.3
    const m = measureHairMasked(p.crop, p.mask, cut, [0.4 * 200, 400], SKIN)
    expect(m.color).toEqual(HAIR)
    expect(m.cheek).toBeNull()
    expect(m.length).toBeNull()
  })

  it('flags a length read beside one side of the jaw, where the photo cuts off the other', () => {
    // the photo ends at the frame's x 0.7: the right cheek box lies outside it, the left one shows hair
    const narrow: [number, number] = [Math.floor(0.7 * 200 + 50), 400]
    const long = portrait('long')
    const m = measureHairMasked(long.crop, long.mask, ALIGN, narrow, SKIN)
    expect(m.cheek).toBe(1)
    expect(m.length).toBe('long')
    expect(m.oneSide).toBe(true)
    expect(measureHairMasked(long.crop, long.mask, ALIGN, PHOTO, SKIN).oneSide).toBe(false)
    const short = portrait('none')
    expect(measureHairMasked(short.crop, short.mask, ALIGN, narrow, SKIN)).toMatchObject({ length: 'short', oneSide: true })
  }) // prettier-ignore

  it("reads a turned face's length beside its near side, where the bands follow the turn (TurnMap)", () => {
    // Turned to the subject's left: the far (right) side squeezed to 0.7 of its frontal width, the near side 1.3.
    const turn: TurnMap = { mid: 0.52, frontalMid: 0.5, scale: [0.7, 1.3] }
    const at = (x: number, side: 0 | 1) => turn.mid + turn.scale[side] * (x - turn.frontalMid)
    // Hair beside the jaw and neck where the turn puts it on the near side; the far side shows the wall.
    const p = portrait('none')
    const { x0, y0, side } = PERSON_FRAME
    for (const b of [MASK_BOXES.cheek[1]!, MASK_BOXES.low[1]!])
      for (let y = Math.floor(((b[2] - y0) / side) * S); y < Math.ceil(((b[3] - y0) / side) * S); y++)
        for (let x = Math.floor(((at(b[0], 1) - x0) / side) * S); x < Math.ceil(((at(b[1], 1) - x0) / side) * S); x++) {
          p.crop.data.set([...HAIR, 255], (y * S + x) * 4)
          p.mask[y * S + x] = 1
        }
    // Read where a frontal face's bands are, the far side shows the wall and the near band is only partly hair: short.
    expect(measureHairMasked(p.crop, p.mask, ALIGN, PHOTO, SKIN).length).toBe('short')
    const m = measureHairMasked(p.crop, p.mask, ALIGN, PHOTO, SKIN, turn)
    expect(m).toMatchObject({ length: 'long', oneSide: true })
    expect(m.cheek).toBeGreaterThan(0.9)
    // A frontal face (NO_TURN) reads both sides, as before.
    const long = portrait('long')
    expect(measureHairMasked(long.crop, long.mask, ALIGN, PHOTO, SKIN, NO_TURN)).toMatchObject({ length: 'long', oneSide: false })
  }) // prettier-ignore

  it('reads a fringe over the forehead above the brows, and a bare forehead as bare', () => {
    /** `rgb` over the canonical-frame box [x0, x1, y0, y1] of a portrait's crop */
    const paintBox = (crop: RgbaImage, box: readonly number[], rgb: number[]) => {
      const { x0, y0, side } = PERSON_FRAME
      for (let y = Math.floor(((box[2]! - y0) / side) * S); y < Math.ceil(((box[3]! - y0) / side) * S); y++)
        for (let x = Math.floor(((box[0]! - x0) / side) * S); x < Math.ceil(((box[1]! - x0) / side) * S); x++)
          crop.data.set([...rgb, 255], (y * S + x) * 4)
    } // prettier-ignore
    const [fx0, fx1, fy0, fy1] = MASK_BOXES.forehead
    const bare = portrait('none')
    paintBox(bare.crop, [0.3, 0.7, fy0 - 0.05, 0.4], SKIN) // the hairline well above the band
    const b = measureHairMasked(bare.crop, bare.mask, ALIGN, PHOTO, SKIN)
    expect(b.forehead).toBe(0)
    const fringe = portrait('none')
    paintBox(fringe.crop, [fx0 - 0.05, fx1 + 0.05, 0.05, fy1], HAIR)
    const f = measureHairMasked(fringe.crop, fringe.mask, ALIGN, PHOTO, SKIN)
    expect(f.forehead).toBeGreaterThan(0.9)
    expect(f.color).toEqual(b.color) // the fringe does not change the crown's colour
  })

  it('reads a bald crown, lit lighter and pinker than the face, as a scalp, not as blond hair', () => {
    const { y0, side } = PERSON_FRAME
    const scalp = [232, 170, 150] // lit: lighter than SKIN, and a chromaticity the skin test does not pass
    const bald = portrait('none')
    for (let y = 0; y < Math.ceil(((0.33 - y0) / side) * S); y++)
      for (let x = 0; x < S; x++)
        if (bald.mask[y * S + x]) bald.crop.data.set([...scalp, 255], (y * S + x) * 4)
    const b = measureHairMasked(bald.crop, bald.mask, ALIGN, PHOTO, SKIN)
    expect(b.bald).toBe(true)
    expect(b.color).toBeNull()
    // the same crown over a forehead of the face's own skin (a high hairline): light hair, not a scalp
    const hair = portrait('none')
    for (let y = 0; y < Math.ceil(((0.2 - y0) / side) * S); y++)
      for (let x = 0; x < S; x++)
        if (hair.mask[y * S + x]) hair.crop.data.set([...scalp, 255], (y * S + x) * 4)
    for (let y = Math.ceil(((0.2 - y0) / side) * S); y < Math.ceil(((0.33 - y0) / side) * S); y++)
      for (let x = 0; x < S; x++)
        if (hair.mask[y * S + x]) hair.crop.data.set([...SKIN, 255], (y * S + x) * 4)
    const h = measureHairMasked(hair.crop, hair.mask, ALIGN, PHOTO, SKIN)
    expect(h.bald).toBe(false)
    expect(h.color).not.toBeNull()
  })

  it('reads black hair with a studio sheen as black on dark skin, not grey', () => {
    // a third of the hair's rows catch the light: colourless and lighter than the skin
    const dark = [95, 62, 48]
    const p = portrait('none')
    const { y0, side } = PERSON_FRAME
    for (let y = 0; y < Math.ceil(((0.3 - y0) / side) * S); y++)
      for (let x = 0; x < S; x++)
        if (p.mask[y * S + x] && y % 3 === 0) p.crop.data.set([140, 140, 142, 255], (y * S + x) * 4)
    const m = measureHairMasked(p.crop, p.mask, ALIGN, PHOTO, dark)
    expect(m.color).not.toBeNull()
    expect((m.color![0] + m.color![1] + m.color![2]) / 3).toBeLessThan(60)
    expect(m.bald).toBe(false)
  })

  it('tells even grey hair from black hair with a sheen, and grey hair from a scalp on greyish skin', () => {
    const dark = [90, 74, 68] // an engine render's dark, greyish skin
    const { y0, side } = PERSON_FRAME
    // grey mixed through the hair: one even tone, lighter than the skin, and a side fringe over the upper forehead
    // gives that band the same grey
    const p = portrait('none')
    for (let y = 0; y < Math.ceil(((0.33 - y0) / side) * S); y++)
      for (let x = 0; x < S; x++)
        if (p.mask[y * S + x]) p.crop.data.set([...(y < ((0.2 - y0) / side) * S ? [110, 103, 101] : [104, 96, 93]), 255], (y * S + x) * 4) // prettier-ignore
    const grey = measureHairMasked(p.crop, p.mask, ALIGN, PHOTO, dark)
    expect(grey.bald).toBe(false)
    expect(grey.even).toBe(true)
    expect(grey.color).not.toBeNull()
    // the hair cluster of a train photo's black hair under studio light: lightness 37 .. 79 .. 113 (10th, 50th,
    // 90th percentiles), uneven; a render's grey hair 86 .. 96 .. 110, even
    const shades = (lo: number, mid: number, hi: number) =>
      Array.from({ length: 100 }, (_, i) => {
        const v = i < 50 ? lo + ((mid - lo) * i) / 50 : mid + ((hi - mid) * (i - 50)) / 50
        return [v, v, v]
      })
    expect(evenTone(shades(37, 79, 113))).toBe(false)
    expect(evenTone(shades(86, 96, 110))).toBe(true)
    expect(evenTone([])).toBe(false)
  })

  it('maps the crop square onto the canonical frame it covers', () => {
    const m = personCropToImage(ALIGN)
    // crop (0,0) is canonical (x0, y0); crop (1,1) is canonical (x0 + side, y0 + side)
    expect([m[2], m[5]]).toEqual([50 + 200 * PERSON_FRAME.x0, 40 + 200 * PERSON_FRAME.y0])
    expect(m[0]).toBeCloseTo(200 * PERSON_FRAME.side)
  })

  it('lightens light hair toward the palette and leaves dark hair as read', () => {
    expect(toneMap([30, 22, 18])).toEqual([30, 22, 18])
    expect(toneMap([60, 50, 40])).toEqual([60, 50, 40]) // lightness 50: brown stays brown
    // colourless and mid-dark: black hair with its sheen averaged in, not a blonde
    expect(toneMap([84, 83, 82])).toEqual([84, 83, 82])
    // a photographed blonde (lightness 82, the knot) becomes the palette's dark blond lightness, same hue
    const blond = toneMap([105, 80, 61])
    expect((blond[0] + blond[1] + blond[2]) / 3).toBeCloseTo(130, 0)
    expect(blond[0] / blond[2]).toBeCloseTo(105 / 61, 1)
    // monotone: a lighter read never maps darker
    let last = -1
    for (let l = 0; l <= 255; l += 5) {
      const m = toneMap([l, l, l])[0]
      expect(m).toBeGreaterThanOrEqual(last)
      last = m
    }
    expect(HAIR_TONE.at(-1)).toEqual([255, 255])
  })
})

/** A deterministic value in [0, 1) per lattice point. */
const lattice = (i: number, j: number) => {
  const h = Math.imul(Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1), 0x85ebca6b)
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296
}

describe('crownCoherence', () => {
  /** A crop whose person pixels (the whole crown, or none) show `shade(x, y)` (0..1) as grey. */
  function textured(shade: (x: number, y: number) => number, person = 1) {
    const crop = createImage(S, S)
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++) {
        const v = Math.round(40 + 120 * shade(x, y))
        crop.data.set([v, v, v, 255], (y * S + x) * 4)
      }
    return { crop, mask: new Float32Array(S * S).fill(person) }
  }
  it('tells strands (one direction, even when they wave) from coils (blobs a few pixels across)', () => {
    const strands = textured((x, y) => 0.5 + 0.5 * Math.sin(x * 1.3 + 2 * Math.sin(y / 9)))
    const straight = textured((x) => 0.5 + 0.5 * Math.sin(x * 1.1))
    // coils: a random lattice of 4-pixel cells, smoothed
    const coils = textured((x, y) => {
      const fx = x / 4 - Math.floor(x / 4),
        fy = y / 4 - Math.floor(y / 4)
      const at = (i: number, j: number) => lattice(Math.floor(x / 4) + i, Math.floor(y / 4) + j)
      const top = at(0, 0) + (at(1, 0) - at(0, 0)) * fx
      const bottom = at(0, 1) + (at(1, 1) - at(0, 1)) * fx
      return top + (bottom - top) * fy
    })
    const read = (t: { crop: RgbaImage; mask: Float32Array }) => crownCoherence(t.crop, t.mask)!
    expect(read(straight)).toBeGreaterThan(0.95)
    expect(read(strands)).toBeGreaterThan(0.85)
    expect(read(coils)).toBeLessThan(0.6)
  })

  it('reads nothing without enough of the person in the crown', () => {
    const none = textured(() => 0.5, 0)
    expect(crownCoherence(none.crop, none.mask)).toBeNull()
    // a plain surface has no direction to read either
    const flat = textured(() => 0.5)
    expect(crownCoherence(flat.crop, flat.mask)).toBeNull()
  })
})
