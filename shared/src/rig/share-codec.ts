/**
 * @module rig/share-codec — the byte layout every share code uses (rig v1's `fc1.`, rig v2's `fc2.`), given the
 * rig's parts in order; rig/share-code.ts and rig/v2/share-code.ts are its two instances. One layout, so a fix to
 * the checks reaches both, and codes already shared keep opening (each rig's tests decode its saved codes).
 *
 * Layout (big-endian), then base64url, behind the prefix:
 *   u8 format | u16 rig version | u8 name length n | n bytes UTF-8 name
 *   | u16 per slider | u16 per colour (value * 65535, rounded) | u8 per style (option index)
 *   [| u8 skin-detail basis version | i8 per detail weight (weight * DETAIL_QUANT, rounded)
 *    [| the residual's bytes (detail/residual: two 4-bit pixels a byte)
 *     [| the octave's bytes (detail/octave: eight 3-bit pixels in three bytes)]]] | u32 CRC-32
 * The skin-detail section is there only in a detail format, one per basis version (`spec.detail`, rig v2's 3 for
 * basis v1's 256 weights and 4 for v2's 480): a character without detail keeps the plain format, byte for byte, so
 * apps that predate detail still open it, and one on an older basis keeps that basis's format, so apps that predate
 * the newer basis still open it. Likewise the residual is there only in a residual format (one per basis version),
 * so detail without one keeps its format and apps that predate residuals still open it; and the octave only in an
 * octave format (one per basis version), so a residual without one keeps its format too.
 */
import { crc32 } from '../utils/crc32.ts'
import { fromBase64Url, toBase64Url } from '../utils/base64url.ts'
import type { Character } from './schema.ts'

/** Longest name kept in a code, in UTF-8 bytes; longer names are cut at a character boundary. */
export const MAX_SHARE_NAME_BYTES = 48
const QUANT = 65535
/** Steps per unit of a skin-detail weight in a code (int8: +-124 covers the +-4 weights take). */
export const DETAIL_QUANT = 31

/**
 * A skin-detail weight on a code's step, written with 4 decimals (a saved character's JSON stays ~2 KB smaller
 * than with the step's full binary fraction, and still encodes to the same byte). Never -0.
 */
export function detailWeight(w: number): number {
  return Math.round((Math.round(w * DETAIL_QUANT) / DETAIL_QUANT) * 1e4) / 1e4 || 0
}

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

/** One rig's code: its prefix, format and rig numbers, its parts in code order, and its own words. */
export interface ShareCodeSpec {
  prefix: string
  format: number
  rigVersion: number
  sliders: readonly { id: string }[]
  colors: readonly { id: string }[]
  styles: readonly { id: string; label: string; options: readonly { id: string }[] }[]
  /** A default character of the rig, filled in by decode. */
  create(): Character
  /** Throws for a character that is not valid for the rig (encode accepts only valid ones). */
  validate(character: Character): void
  /** What a code of this rig is called when text is not one, e.g. 'facecraft share code'. */
  noun: string
  /** Shorter than this is 'truncated' before the header is read (kept per rig: it decides which problem is told). */
  minBytes: number
  /** The message for a format byte this app does not read. */
  formatMessage(format: number): string
  /**
   * The rig's skin detail: per basis version it reads, with or without a residual (`residual`: its bytes, 0 or
   * absent for none) and with or without an octave after it (`octave`: likewise), the format byte of codes that
   * carry it and its count of weights.
   */
  detail?: readonly {
    format: number
    version: number
    count: number
    residual?: number
    octave?: number
  }[]
}

export interface ShareCodec {
  encode(character: Character, name?: string): string
  decode(code: string): SharedCharacter
  /** Rounds every value to the precision a code keeps, so `decode(encode(c))` equals `quantize(c)`. */
  quantize(character: Character): Character
}

type DetailFormat = NonNullable<ShareCodeSpec['detail']>[number]

/** The codec of one rig's share codes. */
export function shareCodec(spec: ShareCodeSpec): ShareCodec {
  const { prefix, format: FORMAT, rigVersion, sliders, colors, styles } = spec
  const payloadLength = (nameLength: number, detail: DetailFormat | undefined) =>
    4 +
    nameLength +
    2 * (sliders.length + colors.length) +
    styles.length +
    (detail ? 1 + detail.count + (detail.residual ?? 0) + (detail.octave ?? 0) : 0)
  // "|| 0": never -0 (a weight a hair below 0 rounds to -0, which JSON and equality tell from the decoded 0)
  const detailByte = (w: number) => Math.max(-127, Math.min(127, Math.round(w * DETAIL_QUANT))) || 0

  function encode(character: Character, name = ''): string {
    spec.validate(character)
    const nameBytes = truncateUtf8(name, MAX_SHARE_NAME_BYTES)
    const residual = character.detail?.residual
    const octave = character.detail?.octave
    const detail =
      character.detail &&
      spec.detail?.find(
        (d) =>
          d.version === character.detail!.basis &&
          !d.residual === (residual === undefined) &&
          !d.octave === (octave === undefined)
      )
    if (character.detail && !detail)
      throw new Error(
        `A ${spec.noun} cannot carry skin detail on basis v${character.detail.basis}${residual === undefined ? '' : ' with a residual'}${octave === undefined ? '' : ' and an octave'}.`
      )
    // a residual's and an octave's text are their bytes in base64url (detail/residual, detail/octave), checked by
    // spec.validate above
    const residualBytes = residual === undefined ? null : fromBase64Url(residual)
    if (residual !== undefined && residualBytes?.length !== detail!.residual)
      throw new Error(`A ${spec.noun} cannot carry this skin-detail residual.`)
    const octaveBytes = octave === undefined ? null : fromBase64Url(octave)
    if (octave !== undefined && octaveBytes?.length !== detail!.octave)
      throw new Error(`A ${spec.noun} cannot carry this skin-detail octave.`)
    const bytes = new Uint8Array(payloadLength(nameBytes.length, detail) + 4)
    const view = new DataView(bytes.buffer)
    let o = 0
    view.setUint8(o++, detail ? detail.format : FORMAT)
    view.setUint16(o, rigVersion)
    o += 2
    view.setUint8(o++, nameBytes.length)
    bytes.set(nameBytes, o)
    o += nameBytes.length
    const put = (v: number) => {
      view.setUint16(o, Math.round(Math.min(1, Math.max(0, v)) * QUANT))
      o += 2
    }
    for (const s of sliders) put(character.sliders[s.id]!)
    for (const c of colors) put(character.colors[c.id]!)
    for (const s of styles)
      view.setUint8(
        o++,
        s.options.findIndex((x) => x.id === character.styles[s.id])
      )
    if (detail) {
      view.setUint8(o++, character.detail!.basis)
      for (const w of character.detail!.weights) view.setInt8(o++, detailByte(w))
      for (const section of [residualBytes, octaveBytes])
        if (section) {
          bytes.set(section, o)
          o += section.length
        }
    }
    view.setUint32(o, crc32(bytes.subarray(0, o)))
    return prefix + toBase64Url(bytes)
  }

  function decode(code: string): SharedCharacter {
    const text = code.trim()
    if (!text.startsWith(prefix)) {
      throw new ShareCodeError(
        'not-a-share-code',
        `Not a ${spec.noun}: it should start with '${prefix}'.`
      )
    }
    const bytes = fromBase64Url(text.slice(prefix.length))
    if (!bytes) {
      throw new ShareCodeError(
        'corrupted',
        'This share code has characters that do not belong in one; copy it again.'
      )
    }
    if (bytes.length < spec.minBytes) throw truncated()
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const format = view.getUint8(0)
    const detail = spec.detail?.find((d) => d.format === format)
    if (format !== FORMAT && !detail)
      throw new ShareCodeError('unsupported-format', spec.formatMessage(format))
    const rig = view.getUint16(1)
    const nameLength = view.getUint8(3)
    const expected = payloadLength(nameLength, detail) + 4
    if (bytes.length < expected) throw wholeUnderAnotherFormat(bytes) ? damaged() : truncated()
    if (
      bytes.length > expected ||
      crc32(bytes.subarray(0, expected - 4)) !== view.getUint32(expected - 4)
    )
      throw damaged()
    if (rig !== rigVersion) {
      throw new ShareCodeError(
        'unsupported-rig',
        `This character was made with rig v${rig}; this app reads v${rigVersion}. Update the app.`
      )
    }
    const name = new TextDecoder('utf-8', { fatal: false }).decode(
      bytes.subarray(4, 4 + nameLength)
    )
    const character = spec.create()
    let o = 4 + nameLength
    const unit = () => {
      const v = view.getUint16(o) / QUANT
      o += 2
      return v
    }
    for (const s of sliders) character.sliders[s.id] = unit()
    for (const c of colors) character.colors[c.id] = unit()
    for (const s of styles) {
      const option = s.options[view.getUint8(o++)]
      if (!option) {
        throw new ShareCodeError(
          'corrupted',
          `This share code names a ${s.label.toLowerCase()} this app does not have; update the app.`
        )
      }
      character.styles[s.id] = option.id
    }
    if (detail) {
      const basis = view.getUint8(o++)
      if (basis !== detail.version)
        throw new ShareCodeError(
          'unsupported-format',
          `This share code's skin detail is basis v${basis}; this app reads v${detail.version}. Update the app.`
        )
      const weights = Array.from(
        { length: detail.count },
        (_, i) => view.getInt8(o + i) / DETAIL_QUANT
      )
      character.detail = { basis, weights }
      o += detail.count
      if (detail.residual) {
        character.detail.residual = toBase64Url(bytes.subarray(o, o + detail.residual))
        o += detail.residual
      }
      if (detail.octave) character.detail.octave = toBase64Url(bytes.subarray(o, o + detail.octave))
    }
    return { character, name }
  }

  /**
   * Whether `bytes` are a whole code of another format than their first byte says: a damaged first character
   * (the format byte's top six bits) can name a format whose codes are longer (one with skin detail), which would
   * otherwise read as a code cut short.
   */
  function wholeUnderAnotherFormat(bytes: Uint8Array): boolean {
    const formats = [FORMAT, ...(spec.detail ?? []).map((d) => d.format)]
    const nameLength = bytes[3]!
    return formats.some((f) => {
      const end = payloadLength(
        nameLength,
        spec.detail?.find((d) => d.format === f)
      )
      if (f === bytes[0] || end + 4 !== bytes.length) return false
      const fixed = Uint8Array.from(bytes.subarray(0, end))
      fixed[0] = f
      return crc32(fixed) === new DataView(bytes.buffer, bytes.byteOffset).getUint32(end)
    })
  }

  function quantize(c: Character): Character {
    const q = (v: number) => Math.round(v * QUANT) / QUANT
    const out: Character = {
      rig: c.rig,
      sliders: Object.fromEntries(sliders.map((s) => [s.id, q(c.sliders[s.id]!)])),
      colors: Object.fromEntries(colors.map((s) => [s.id, q(c.colors[s.id]!)])),
      styles: { ...c.styles },
    }
    if (spec.detail && c.detail) {
      out.detail = {
        basis: c.detail.basis,
        weights: c.detail.weights.map((w) => detailByte(w) / DETAIL_QUANT),
      }
      // a residual's and an octave's text are their bytes: kept as they are
      if (c.detail.residual !== undefined) out.detail.residual = c.detail.residual
      if (c.detail.octave !== undefined) out.detail.octave = c.detail.octave
    }
    return out
  }

  return { encode, decode, quantize }
}

function damaged(): ShareCodeError {
  return new ShareCodeError(
    'corrupted',
    'This share code is damaged (checksum mismatch); ask the sender to copy it again.'
  )
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
