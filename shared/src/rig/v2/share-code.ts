/**
 * @module rig/v2/share-code — `fc2.` share codes for rig v2 characters, and `decodeAnyShareCode`, which also
 * opens every `fc1.` code (decoded by rig/share-code, then migrated with migrateV1), so old links keep working.
 *
 * Layout (big-endian), then base64url, behind the prefix `fc2.`:
 *   u8 format (2) | u16 rig version (2) | u8 name length n | n bytes UTF-8 name
 *   | u16 per slider | u16 per colour (value * 65535, rounded) | u8 per style (option index) | u32 CRC-32
 */
import { crc32 } from '../../utils/crc32.ts'
import { fromBase64Url, toBase64Url } from '../../utils/base64url.ts'
import type { Character } from '../schema.ts'
import {
  decodeShareCode,
  MAX_SHARE_NAME_BYTES,
  ShareCodeError,
  type SharedCharacter,
} from '../share-code.ts'
import { createCharacterV2, RIG_VERSION_V2, validateCharacterV2 } from './character.ts'
import { COLORS_V2 } from './colors.ts'
import { migrateV1 } from './migrate.ts'
import { SLIDERS_V2 } from './sliders.ts'
import { STYLES_V2 } from './styles.ts'

const PREFIX = 'fc2.'
const FORMAT = 2
const QUANT = 65535

/** Rounds every value to the precision an fc2 code keeps, so `decode(encode(c))` equals `quantize(c)`. */
export function quantizeCharacterV2(c: Character): Character {
  const q = (v: number) => Math.round(v * QUANT) / QUANT
  return {
    rig: c.rig,
    sliders: Object.fromEntries(SLIDERS_V2.map((s) => [s.id, q(c.sliders[s.id]!)])),
    colors: Object.fromEntries(COLORS_V2.map((s) => [s.id, q(c.colors[s.id]!)])),
    styles: { ...c.styles },
  }
}

const payloadLength = (nameLength: number) =>
  4 + nameLength + 2 * (SLIDERS_V2.length + COLORS_V2.length) + STYLES_V2.length

function truncateUtf8(text: string, maxBytes: number): Uint8Array {
  const encoder = new TextEncoder()
  let bytes = encoder.encode(text)
  for (let chars = Array.from(text); bytes.length > maxBytes;) {
    chars = chars.slice(0, -1)
    bytes = encoder.encode(chars.join(''))
  }
  return bytes
}

/** Encodes a valid rig v2 character (and an optional display name) as an `fc2.` share code. */
export function encodeShareCodeV2(character: Character, name = ''): string {
  validateCharacterV2(character)
  const nameBytes = truncateUtf8(name, MAX_SHARE_NAME_BYTES)
  const bytes = new Uint8Array(payloadLength(nameBytes.length) + 4)
  const view = new DataView(bytes.buffer)
  let o = 0
  view.setUint8(o++, FORMAT)
  view.setUint16(o, RIG_VERSION_V2)
  o += 2
  view.setUint8(o++, nameBytes.length)
  bytes.set(nameBytes, o)
  o += nameBytes.length
  const put = (v: number) => {
    view.setUint16(o, Math.round(Math.min(1, Math.max(0, v)) * QUANT))
    o += 2
  }
  for (const s of SLIDERS_V2) put(character.sliders[s.id]!)
  for (const c of COLORS_V2) put(character.colors[c.id]!)
  for (const s of STYLES_V2)
    view.setUint8(
      o++,
      s.options.findIndex((x) => x.id === character.styles[s.id])
    )
  view.setUint32(o, crc32(bytes.subarray(0, o)))
  return PREFIX + toBase64Url(bytes)
}

/** Decodes an `fc2.` code; throws ShareCodeError (precise problem and what to do) for anything else. */
export function decodeShareCodeV2(code: string): SharedCharacter {
  const text = code.trim()
  if (!text.startsWith(PREFIX)) {
    throw new ShareCodeError(
      'not-a-share-code',
      `Not a facecraft v2 share code: it should start with '${PREFIX}'.`
    )
  }
  const bytes = fromBase64Url(text.slice(PREFIX.length))
  if (!bytes) {
    throw new ShareCodeError(
      'corrupted',
      'This share code has characters that do not belong in one; copy it again.'
    )
  }
  const truncated = () =>
    new ShareCodeError(
      'truncated',
      'This share code is incomplete; copy the whole code or link again.'
    )
  if (bytes.length < 8) throw truncated()
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const format = view.getUint8(0)
  if (format !== FORMAT) {
    throw new ShareCodeError(
      'unsupported-format',
      `Share code format ${format} is not one this app reads (${FORMAT}); update the app.`
    )
  }
  const rig = view.getUint16(1)
  const nameLength = view.getUint8(3)
  const expected = payloadLength(nameLength) + 4
  if (bytes.length < expected) throw truncated()
  if (
    bytes.length > expected ||
    crc32(bytes.subarray(0, expected - 4)) !== view.getUint32(expected - 4)
  ) {
    throw new ShareCodeError(
      'corrupted',
      'This share code is damaged (checksum mismatch); ask the sender to copy it again.'
    )
  }
  if (rig !== RIG_VERSION_V2) {
    throw new ShareCodeError(
      'unsupported-rig',
      `This character was made with rig v${rig}; this app reads v${RIG_VERSION_V2}. Update the app.`
    )
  }
  const name = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(4, 4 + nameLength))
  const character = createCharacterV2()
  let o = 4 + nameLength
  for (const s of SLIDERS_V2) {
    character.sliders[s.id] = view.getUint16(o) / QUANT
    o += 2
  }
  for (const c of COLORS_V2) {
    character.colors[c.id] = view.getUint16(o) / QUANT
    o += 2
  }
  for (const s of STYLES_V2) {
    const option = s.options[view.getUint8(o++)]
    if (!option) {
      throw new ShareCodeError(
        'corrupted',
        `This share code names a ${s.label.toLowerCase()} this app does not have; update the app.`
      )
    }
    character.styles[s.id] = option.id
  }
  return { character, name }
}

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
