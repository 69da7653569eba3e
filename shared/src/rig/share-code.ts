/**
 * @module rig/share-code — compact, URL-safe, checksummed text for a character, so a face can be shared as a
 * link or QR code and opened with no server at all.
 *
 * Layout (big-endian), then base64url, behind the prefix `fc1.`:
 *   u8 format (1) | u16 rig version | u8 name length n | n bytes UTF-8 name
 *   | u16 per slider | u16 per colour (value * 65535, rounded) | u8 per style (option index) | u32 CRC-32
 * A code is ~ 4/3 * (8 + n + 2 * 122 + 4) characters: about 350 for rig v1.
 */
import { crc32 } from '../utils/crc32.ts'
import { fromBase64Url, toBase64Url } from '../utils/base64url.ts'
import { createCharacter, RIG_VERSION } from './character.ts'
import { COLORS } from './colors.ts'
import type { Character } from './schema.ts'
import { SLIDERS } from './sliders.ts'
import { STYLES } from './styles.ts'
import { validateCharacter } from './validate.ts'

const PREFIX = 'fc1.'
const FORMAT = 1
/** Longest name kept in a code, in UTF-8 bytes; longer names are cut at a character boundary. */
export const MAX_SHARE_NAME_BYTES = 48
const QUANT = 65535

export type ShareCodeProblem =
  'not-a-share-code' | 'truncated' | 'corrupted' | 'unsupported-format' | 'unsupported-rig'

/** Why a share code could not be opened; `problem` is machine-readable, the message says what to do. */
export class ShareCodeError extends Error {
  override readonly name = 'ShareCodeError'
  constructor(
    readonly problem: ShareCodeProblem,
    message: string
  ) {
    super(message)
  }
}

/** What a share code carries. */
export interface SharedCharacter {
  character: Character
  name: string
}

/** Rounds every value to the precision a share code keeps, so `decode(encode(c))` equals `quantize(c)`. */
export function quantizeCharacter(c: Character): Character {
  const q = (v: number) => Math.round(v * QUANT) / QUANT
  return {
    rig: c.rig,
    sliders: Object.fromEntries(SLIDERS.map((s) => [s.id, q(c.sliders[s.id]!)])),
    colors: Object.fromEntries(COLORS.map((s) => [s.id, q(c.colors[s.id]!)])),
    styles: { ...c.styles },
  }
}

/** Encodes a valid character (and an optional display name) as a share code. */
export function encodeShareCode(character: Character, name = ''): string {
  validateCharacter(character)
  const nameBytes = truncateUtf8(name, MAX_SHARE_NAME_BYTES)
  const bytes = new Uint8Array(payloadLength(nameBytes.length) + 4)
  const view = new DataView(bytes.buffer)
  let o = 0
  view.setUint8(o++, FORMAT)
  view.setUint16(o, RIG_VERSION)
  o += 2
  view.setUint8(o++, nameBytes.length)
  bytes.set(nameBytes, o)
  o += nameBytes.length
  for (const s of SLIDERS) o = putUnit(view, o, character.sliders[s.id]!)
  for (const c of COLORS) o = putUnit(view, o, character.colors[c.id]!)
  for (const s of STYLES)
    view.setUint8(
      o++,
      s.options.findIndex((opt) => opt.id === character.styles[s.id])
    )
  view.setUint32(o, crc32(bytes.subarray(0, o)))
  return PREFIX + toBase64Url(bytes)
}

/** Decodes a share code; throws ShareCodeError for anything that is not an intact code of this rig. */
export function decodeShareCode(code: string): SharedCharacter {
  const text = code.trim()
  if (!text.startsWith(PREFIX)) {
    throw new ShareCodeError(
      'not-a-share-code',
      `Not a facecraft share code: it should start with '${PREFIX}'.`
    )
  }
  const bytes = fromBase64Url(text.slice(PREFIX.length))
  if (!bytes) {
    throw new ShareCodeError(
      'corrupted',
      'This share code has characters that do not belong in one; copy it again.'
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 4) throw truncated()
  const format = view.getUint8(0)
  if (format !== FORMAT) {
    throw new ShareCodeError(
      'unsupported-format',
      `Share code format ${format} is newer than this app reads (${FORMAT}); update the app.`
    )
  }
  const rig = view.getUint16(1)
  const nameLength = view.getUint8(3)
  const expected = payloadLength(nameLength) + 4
  if (bytes.length < expected) throw truncated()
  const stored = view.getUint32(expected - 4)
  if (bytes.length > expected || crc32(bytes.subarray(0, expected - 4)) !== stored) {
    throw new ShareCodeError(
      'corrupted',
      'This share code is damaged (checksum mismatch); ask the sender to copy it again.'
    )
  }
  if (rig !== RIG_VERSION) {
    throw new ShareCodeError(
      'unsupported-rig',
      `This character was made with rig v${rig}; this app reads v${RIG_VERSION}. Update the app.`
    )
  }
  return readPayload(view, bytes, nameLength)
}

/** Finds a share code inside pasted text or a link (`...#c=fc1.xxx`); null when there is none. */
export function extractShareCode(text: string): string | null {
  const match = /fc1\.[A-Za-z0-9_-]+/.exec(text)
  return match ? match[0] : null
}

function readPayload(view: DataView, bytes: Uint8Array, nameLength: number): SharedCharacter {
  const name = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(4, 4 + nameLength))
  const character = createCharacter()
  let o = 4 + nameLength
  for (const s of SLIDERS) {
    character.sliders[s.id] = view.getUint16(o) / QUANT
    o += 2
  }
  for (const c of COLORS) {
    character.colors[c.id] = view.getUint16(o) / QUANT
    o += 2
  }
  for (const s of STYLES) {
    const option = s.options[view.getUint8(o++)]
    if (!option)
      throw new ShareCodeError(
        'corrupted',
        `This share code names a ${s.label.toLowerCase()} this app does not have; update the app.`
      )
    character.styles[s.id] = option.id
  }
  return { character, name }
}

function payloadLength(nameLength: number): number {
  return 4 + nameLength + 2 * (SLIDERS.length + COLORS.length) + STYLES.length
}

function putUnit(view: DataView, offset: number, value: number): number {
  view.setUint16(offset, Math.round(Math.min(1, Math.max(0, value)) * QUANT))
  return offset + 2
}

function truncated(): ShareCodeError {
  return new ShareCodeError(
    'truncated',
    'This share code is incomplete; copy the whole code or link again.'
  )
}

function truncateUtf8(text: string, maxBytes: number): Uint8Array {
  const encoder = new TextEncoder()
  let bytes = encoder.encode(text)
  // Drop whole characters (not bytes) until it fits, so the name never ends in half a code point.
  for (let chars = Array.from(text); bytes.length > maxBytes;) {
    chars = chars.slice(0, -1)
    bytes = encoder.encode(chars.join(''))
  }
  return bytes
}
