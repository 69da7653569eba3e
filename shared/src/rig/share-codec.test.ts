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
})
