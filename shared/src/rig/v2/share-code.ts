/**
 * @module rig/v2/share-code — `fc2.` share codes for rig v2 characters, and `decodeAnyShareCode`, which also
 * opens every `fc1.` code (decoded by rig/share-code, then migrated with migrateV1), so old links keep working.
 *
 * The layout (rig/share-codec.ts) behind the prefix `fc2.`, format 2, rig v2's sliders, colours and styles; formats
 * 3 and 4 add the character's skin detail (a byte per weight) on basis v1 (256 weights) and v2 (480), and are used
 * only when the character has detail; 64 + the basis version adds its residual too (detail/residual), 128 + the
 * version its residual and octave (detail/octave).
 */
import { OCTAVE_BYTES } from '../../detail/octave.ts'
import { RESIDUAL_BYTES } from '../../detail/residual.ts'
import { SKIN_DETAIL_COUNTS } from '../../detail/spec.ts'
import type { Character } from '../schema.ts'
import { decodeShareCode, type SharedCharacter } from '../share-code.ts'
import { shareCodec } from '../share-codec.ts'
import { createCharacterV2, RIG_VERSION_V2, validateCharacterV2 } from './character.ts'
import { COLORS_V2 } from './colors.ts'
import { migrateV1 } from './migrate.ts'
import { SLIDERS_V2 } from './sliders.ts'
import { STYLES_V2 } from './styles.ts'

const PREFIX = 'fc2.'
const FORMAT = 2
const RESIDUAL_FORMAT = 64
const OCTAVE_FORMAT = 128
/**
 * Formats of fc2 codes that carry skin detail (format 2's layout plus the detail section: rig/share-codec), one per
 * basis version: 3 for v1, 4 for v2 (2 + the version); with a residual (session 44), 64 + the version, a range the
 * plain formats of bases to come will not reach; with a residual and its octave (session 51), 128 + the version.
 */
const DETAIL_FORMATS = Object.entries(SKIN_DETAIL_COUNTS).flatMap(([version, count]) => [
  { format: 2 + Number(version), version: Number(version), count },
  {
    format: RESIDUAL_FORMAT + Number(version),
    version: Number(version),
    count,
    residual: RESIDUAL_BYTES,
  },
  {
    format: OCTAVE_FORMAT + Number(version),
    version: Number(version),
    count,
    residual: RESIDUAL_BYTES,
    octave: OCTAVE_BYTES,
  },
])

const codec = shareCodec({
  prefix: PREFIX,
  format: FORMAT,
  rigVersion: RIG_VERSION_V2,
  sliders: SLIDERS_V2,
  colors: COLORS_V2,
  styles: STYLES_V2,
  create: createCharacterV2,
  validate: validateCharacterV2,
  noun: 'facecraft v2 share code',
  minBytes: 8,
  detail: DETAIL_FORMATS,
  formatMessage: (format) =>
    `Share code format ${format} is not one this app reads (${[FORMAT, ...DETAIL_FORMATS.map((d) => d.format)].join(', ')}); update the app.`,
})

/** Rounds every value to the precision an fc2 code keeps, so `decode(encode(c))` equals `quantize(c)`. */
export const quantizeCharacterV2: (c: Character) => Character = codec.quantize

/** Encodes a valid rig v2 character (and an optional display name) as an `fc2.` share code. */
export const encodeShareCodeV2: (character: Character, name?: string) => string = codec.encode

/** Decodes an `fc2.` code; throws ShareCodeError (precise problem and what to do) for anything else. */
export const decodeShareCodeV2: (code: string) => SharedCharacter = codec.decode

/** Opens an `fc2.` code, or an `fc1.` code migrated to rig v2 (`migrated` says which). */
export function decodeAnyShareCode(code: string): SharedCharacter & { migrated: boolean } {
  const text = code.trim()
  if (text.startsWith('fc1.')) {
    const v1 = decodeShareCode(text)
    return { character: migrateV1(v1.character), name: v1.name, migrated: true }
  }
  return { ...decodeShareCodeV2(text), migrated: false }
}

/** Finds an fc2 or fc1 share code inside pasted text or a link; null when there is none. */
export function extractAnyShareCode(text: string): string | null {
  const match = /fc[12]\.[A-Za-z0-9_-]+/.exec(text)
  return match ? match[0] : null
}
