/**
 * @module lib/text — what every string from a request goes through: well-formed UTF-16 (no lone surrogates, which
 * UTF-8 cannot encode: two different passwords would become the same bytes), NFC normalisation (the same text typed
 * on two keyboards is one string), UTF-8 byte length (KV keys and quotas count bytes, not characters) and the
 * "nothing visible" test for names.
 */

/** A lone surrogate: in a `u` regex a valid pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** True when `text` has no lone surrogate (what `String.prototype.isWellFormed` checks, ES2024). */
export function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed
  return typeof native === 'function' ? native.call(text) : !LONE_SURROGATE.test(text)
}

/** NFC form of well-formed text (callers check {@link isWellFormed} first). */
export const nfc = (text: string): string => text.normalize('NFC')

/** Bytes of `text` in UTF-8. */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).byteLength

/**
 * Characters that draw nothing: white space, controls, format characters (zero-width joiners, bidi marks, tags),
 * combining marks with no base (variation selectors are among them), and the Hangul and Braille fillers that render blank.
 */
const INVISIBLE =
  /^[\p{White_Space}\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]*$/u

/** True when `text` would show nothing at all (so it cannot name anything a person can recognise). */
export const isInvisible = (text: string): boolean => INVISIBLE.test(text)
