/** @module utils/base64url — RFC 4648 §5 URL-safe base64 without padding, no DOM or Node APIs. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = (() => {
  const table = new Int16Array(128).fill(-1)
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i
  return table
})()

/** Encodes bytes as unpadded base64url text. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >>> (18 - 6 * k)) & 63]
  }
  return out
}

/** Decodes unpadded base64url text; returns null when the text holds a character outside the alphabet
 * or has an impossible length, so callers can word their own error. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let bits = 0
  let acc = 0
  let o = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const v = code < 128 ? LOOKUP[code]! : -1
    if (v < 0) return null
    acc = ((acc << 6) | v) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >>> bits) & 0xff
    }
  }
  return out
}

/**
 * fromBase64Url of text that holds exactly `bytes` bytes, written at its one unpadded length (ceil(bytes * 8 / 6)
 * characters); null for any other text. What a fixed-size field of a saved character is (detail/residual,
 * detail/octave).
 */
export function fromBase64UrlOfLength(text: string, bytes: number): Uint8Array | null {
  if (text.length !== Math.ceil((bytes * 8) / 6)) return null
  const out = fromBase64Url(text)
  return out?.length === bytes ? out : null
}
