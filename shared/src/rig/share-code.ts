/**
 * @module rig/share-code — compact, URL-safe, checksummed text for a character, so a face can be shared as a
 * link or QR code and opened with no server at all.
 *
 * The layout (rig/share-codec.ts) behind the prefix `fc1.`, format 1, rig v1's sliders, colours and styles.
 * A code is ~ 4/3 * (8 + n + 2 * 122 + 4) characters: about 350 for rig v1.
 */
import { createCharacter, RIG_VERSION } from './character.ts'
import { COLORS } from './colors.ts'
import type { Character } from './schema.ts'
import { shareCodec, type SharedCharacter } from './share-codec.ts'
import { SLIDERS } from './sliders.ts'
import { STYLES } from './styles.ts'
import { validateCharacter } from './validate.ts'

export {
  MAX_SHARE_NAME_BYTES,
  ShareCodeError,
  type SharedCharacter,
  type ShareCodeProblem,
} from './share-codec.ts'

const PREFIX = 'fc1.'
const FORMAT = 1

const codec = shareCodec({
  prefix: PREFIX,
  format: FORMAT,
  rigVersion: RIG_VERSION,
  sliders: SLIDERS,
  colors: COLORS,
  styles: STYLES,
  create: createCharacter,
  validate: validateCharacter,
  noun: 'facecraft share code',
  minBytes: 4,
  formatMessage: (format) =>
    `Share code format ${format} is newer than this app reads (${FORMAT}); update the app.`,
})

/** Rounds every value to the precision a share code keeps, so `decode(encode(c))` equals `quantize(c)`. */
export const quantizeCharacter: (c: Character) => Character = codec.quantize

/** Encodes a valid character (and an optional display name) as a share code. */
export const encodeShareCode: (character: Character, name?: string) => string = codec.encode

/** Decodes a share code; throws ShareCodeError for anything that is not an intact code of this rig. */
export const decodeShareCode: (code: string) => SharedCharacter = codec.decode

/** Finds a share code inside pasted text or a link (`...#c=fc1.xxx`); null when there is none. */
export function extractShareCode(text: string): string | null {
  const match = /fc1\.[A-Za-z0-9_-]+/.exec(text)
  return match ? match[0] : null
}
