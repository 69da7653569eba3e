/**
 * @module features/share/code-problem — the player-facing message for a share code that does not open: a damaged
 * code (a bad copy, a cut-off link) and a code from a newer app are different problems with different fixes.
 */
import { ShareCodeError } from '@facecraft/shared/rig'
import { crc32, fromBase64Url } from '@facecraft/shared/utils'

/** Every share code format so far: `fc1.` (rig v1) and `fc2.` (rig v2); both end in the CRC-32 trailer. */
const PREFIX = /^fc[12]\./

export const DAMAGED_MESSAGE =
  'This link is damaged: part of it changed or went missing when it was copied. Ask the sender to share it again.'
export const NEWER_MESSAGE =
  'This character was shared from a newer version of facecraft. Update the app (reload it when online) to open it.'
export const INCOMPLETE_MESSAGE =
  'This link is cut off: copy the whole link (or scan the QR code) and open it again.'

/**
 * True when the code's last 4 bytes are the CRC-32 of the rest: it arrived intact, whatever its format byte says.
 * Every share code format keeps this trailer, so a newer app's code passes and a mangled one fails (1 in 2^32).
 */
export function isIntactCode(code: string): boolean {
  const bytes = PREFIX.test(code) ? fromBase64Url(code.slice(4)) : null
  if (!bytes || bytes.length < 5) return false
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    bytes.length - 4
  )
  return crc32(bytes.subarray(0, bytes.length - 4)) === stored
}

/**
 * The message for an error thrown while decoding `code`. The decoder reads the format byte before the checksum,
 * so a damaged first character would otherwise read as "format 129 is newer than this app": checked here.
 */
export function shareCodeMessage(code: string, error: unknown): string {
  if (!(error instanceof ShareCodeError)) return (error as Error).message
  switch (error.problem) {
    case 'unsupported-format':
    case 'unsupported-rig':
      return isIntactCode(code) ? NEWER_MESSAGE : DAMAGED_MESSAGE
    case 'truncated':
      return INCOMPLETE_MESSAGE
    default:
      return DAMAGED_MESSAGE
  }
}
