import { describe, expect, it } from 'vitest'
import { createCharacter } from './character.ts'
import { COLORS } from './colors.ts'
import type { Character } from './schema.ts'
import { decodeShareCode, encodeShareCode, quantizeCharacter } from './share-code.ts'
import { SLIDERS } from './sliders.ts'
import { STYLES } from './styles.ts'
import { createCharacterV2 } from './v2/character.ts'
import { COLORS_V2 } from './v2/colors.ts'
import {
  decodeAnyShareCode,
  decodeShareCodeV2,
  encodeShareCodeV2,
  quantizeCharacterV2,
} from './v2/share-code.ts'
import { SLIDERS_V2 } from './v2/sliders.ts'
import { STYLES_V2 } from './v2/styles.ts'

/**
 * Codes made by the encoders as they were before the shared codec (rig/share-codec.ts), for the characters below:
 * codes already shared must open, and the same character must still give the same code, to the byte.
 */
const SAVED_FC1 =
  'fc1.AQABCFpvw6sg4pyoAABeuL1wGZp4UdcJMzOR6_CjTM2rhAeuZmbFHiFIgADetzrhmZn4UVR7szMPXG4UzMwo9oeu5mZCj6FH__9cKbrhFwp1wtR6MKSPXO4USj2o9QUfY9fCjx64fXDcKDhSlwr1wlHrsKMMzWuFyj0mZoUe49ZAAJ64_XBZmbhRFHtzM9HrLhSMzOuER66mZgKPYUe__xwpeuHZmTXClHrzMk9crhQKPWj1x60j14KP4Uc9cJwo-uBXCrXCEetwo89bK4WKPej1RR6j1gAAXri9cBmaeFHXCTMzkevwo0zNq4QHrgAAjVUYAKVVMAC9VUgA1VVgAAABAgMnnoyU'
const SAVED_FC2 =
  'fc2.AgACCFpvw6sg4pyoAABeuL1wGZp4UdcJMzOR6_CjTM2rhAeuZmbFHiFIgADetzrhmZn4UVR7szMPXG4UzMwo9oeu5mZCj6FH__9cKbrhFwp1wtR6MKSPXO4USj2o9QUfY9fCjx64fXDcKDhSlwr1wlHrsKMMzWuFyj0mZoUe49ZAAJ64_XBZmbhRFHtzM9HrLhSMzOuER66mZgKPYUe__xwpeuHZmTXClHrzMk9crhQKPWj1x60j14KP4Uc9cJwo-uBXCrXCEetwo89bK4WKPej1RR6j1gAAXri9cBmaeFHXCTMzkevwo0zNq4QHrmZmxR4hSIAA3rc64ZmZ-FFUe7MzD1xuFMzMKPaHruZmQo-hR___XCm64RcKdcLUejCkj1zuFEo9qPUFH2PXwo8euH1w3Cg4UpcK9cJR67CjDM1rhco9JmYAAI1VGAClVTAAvVVIANVVYADtVAABAgMEAGxfVYs'
/** An fc2 code with skin detail on basis v1 (format 3), made by session 30's app: the rule's character + DETAIL_V1. */
const SAVED_FC2_DETAIL_V1 =
  'fc2.AwACCFpvw6sg4pyoAABeuL1wGZp4UdcJMzOR6_CjTM2rhAeuZmbFHiFIgADetzrhmZn4UVR7szMPXG4UzMwo9oeu5mZCj6FH__9cKbrhFwp1wtR6MKSPXO4USj2o9QUfY9fCjx64fXDcKDhSlwr1wlHrsKMMzWuFyj0mZoUe49ZAAJ64_XBZmbhRFHtzM9HrLhSMzOuER66mZgKPYUe__xwpeuHZmTXClHrzMk9crhQKPWj1x60j14KP4Uc9cJwo-uBXCrXCEetwo89bK4WKPej1RR6j1gAAXri9cBmaeFHXCTMzkevwo0zNq4QHrmZmxR4hSIAA3rc64ZmZ-FFUe7MzD1xuFMzMKPaHruZmQo-hR___XCm64RcKdcLUejCkj1zuFEo9qPUFH2PXwo8euH1w3Cg4UpcK9cJR67CjDM1rhco9JmYAAI1VGAClVTAAvVVIANVVYADtVAABAgMEAAGEob7b-BUyT2yQrcrnBCE-W3icudbzEC1KZ4uoxeL_HDlWc5e00e4LKEVihqPA3foXNFFukq_M6QYjQF16nrvY9RIvTGmNqsfkAR47WHWZttPwDSpHZIilwt_8GTZTcJSxzusIJUJffKC92vcUMU5rj6zJ5gMgPVp3m7jV8g8sSWaKp8Th_hs4VXKWs9DtCidEYYWiv9z5FjNQbZGuy-gFIj9ceZ261_QRLktojKnG4wAdOld0mLXS7wwpRmOHpMHe-xg1Um-TsM3qByRBXnufvNn2EzBNao6ryOUCHzxZdpq31PEOK0hliabD4P0aN1RxlbLP7AkmQ2CEob7b-BUy1Mki_Q'
/** The detail of SAVED_FC2_DETAIL_V1: 256 weights on basis v1, each on a code's step (DETAIL_QUANT 31). */
const DETAIL_V1 = {
  basis: 1,
  weights: Array.from({ length: 256 }, (_, i) => (((i * 29) % 249) - 124) / 31),
}

type Part = { id: string }
type StylePart = { id: string; options: readonly { id: string }[] }

/** Every value and style set away from its default, by a fixed rule. */
function filled(
  c: Character,
  sliders: readonly Part[],
  colors: readonly Part[],
  styles: readonly StylePart[]
) {
  sliders.forEach((s, i) => (c.sliders[s.id] = ((i * 37) % 101) / 100))
  colors.forEach((s, i) => (c.colors[s.id] = ((i * 53) % 97) / 96))
  styles.forEach((s, i) => (c.styles[s.id] = s.options[i % s.options.length]!.id))
  return c
}

describe('share codes saved before the shared codec', () => {
  it('fc1: the same character gives the same code, and the saved code opens to it', () => {
    const character = filled(createCharacter(), SLIDERS, COLORS, STYLES)
    expect(encodeShareCode(character, 'Zoë ✨')).toBe(SAVED_FC1)
    expect(decodeShareCode(SAVED_FC1)).toEqual({
      character: quantizeCharacter(character),
      name: 'Zoë ✨',
    })
    expect(decodeAnyShareCode(SAVED_FC1)).toMatchObject({ name: 'Zoë ✨', migrated: true })
  })

  it('fc2: the same character gives the same code, and the saved code opens to it', () => {
    const character = filled(createCharacterV2(), SLIDERS_V2, COLORS_V2, STYLES_V2)
    expect(encodeShareCodeV2(character, 'Zoë ✨')).toBe(SAVED_FC2)
    expect(decodeShareCodeV2(SAVED_FC2)).toEqual({
      character: quantizeCharacterV2(character),
      name: 'Zoë ✨',
    })
    expect(decodeAnyShareCode(SAVED_FC2)).toMatchObject({ name: 'Zoë ✨', migrated: false })
  })

  it('fc2 with skin detail on basis v1 (format 3): still the same code, and it opens to the same character', () => {
    const character = {
      ...filled(createCharacterV2(), SLIDERS_V2, COLORS_V2, STYLES_V2),
      detail: DETAIL_V1,
    }
    expect(encodeShareCodeV2(character, 'Zoë ✨')).toBe(SAVED_FC2_DETAIL_V1)
    const opened = decodeShareCodeV2(SAVED_FC2_DETAIL_V1)
    expect(opened).toEqual({ character: quantizeCharacterV2(character), name: 'Zoë ✨' })
    expect(opened.character.detail).toMatchObject({ basis: 1 })
    expect(opened.character.detail!.weights).toHaveLength(256)
  })
})
