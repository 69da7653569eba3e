import { describe, expect, it } from 'vitest'
import { createImage, type RgbaImage } from '../image/types.ts'
import { rigCodec } from './rigs.ts'
import { applyFacialHair, FACIAL_HAIR_BOXES, measureFacialHair } from './facial-hair.ts'

const S = 256
const SKIN = [200, 150, 120]
const HAIR = [40, 30, 25]
const luma = (c: readonly number[]) => 0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!
const HAIR_LUMA = luma(HAIR)
const SKIN_LUMA = luma(SKIN)

/** A canonical aligned crop: skin everywhere, hair over the given boxes. */
function face(hair: readonly (readonly number[])[]): RgbaImage {
  const img = createImage(S, S)
  for (let i = 0; i < S * S; i++) img.data.set([...SKIN, 255], i * 4)
  for (const [x0, x1, y0, y1] of hair)
    for (let y = Math.floor(y0! * S); y < Math.ceil(y1! * S); y++)
      for (let x = Math.floor(x0! * S); x < Math.ceil(x1! * S); x++)
        img.data.set([...HAIR, 255], (y * S + x) * 4)
  return img
}

describe('measureFacialHair', () => {
  const B = FACIAL_HAIR_BOXES
  it('reads the kind from where the face is dark: upper lip, chin, jaw', () => {
    expect(measureFacialHair(face([]))!.kind).toBeNull()
    expect(measureFacialHair(face([B.lip]))!.kind).toBe('moustache')
    expect(measureFacialHair(face([B.lip, B.chin]))!.kind).toBe('goatee')
    expect(measureFacialHair(face([B.lip, B.chin, ...B.jaw]))!.kind).toBe('full-beard')
    // a dark chin without a dark upper lip is a shadow or a dimple, not facial hair
    expect(measureFacialHair(face([B.chin, ...B.jaw]))!.kind).toBeNull()
    expect(measureFacialHair(face([B.lip]))!.lip).toBeCloseTo(HAIR_LUMA / SKIN_LUMA, 2)
  })

  it('reads nothing where the cheeks are outside the photo (black)', () => {
    expect(measureFacialHair(createImage(S, S))).toBeNull()
  })
})

describe('applyFacialHair', () => {
  const rig = rigCodec(2)
  const base = rig.fromVector(
    new Float32Array(rig.length).fill(0.5),
    Int32Array.from(rig.styleSizes, () => 0)
  )
  const beard = measureFacialHair(face([FACIAL_HAIR_BOXES.lip]))
  it("puts the read kind on a man the translator gave none, and leaves women and the translator's beards", () => {
    const man = { ...base, sliders: { ...base.sliders, 'who.gender': 0.9 } }
    expect(man.styles['hair.facial']).toBe('none')
    expect(applyFacialHair(man, beard).styles['hair.facial']).toBe('moustache')
    expect(man.styles['hair.facial']).toBe('none') // the input is not changed
    const woman = { ...base, sliders: { ...base.sliders, 'who.gender': 0.1 } }
    expect(applyFacialHair(woman, beard)).toBe(woman)
    const bearded = { ...man, styles: { ...man.styles, 'hair.facial': 'stubble' } }
    expect(applyFacialHair(bearded, beard)).toBe(bearded)
    expect(applyFacialHair(man, measureFacialHair(face([])))).toBe(man)
    expect(applyFacialHair(man, null)).toBe(man)
  })
})
