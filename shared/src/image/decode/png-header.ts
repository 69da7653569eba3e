/** @module image/decode/png-header — a PNG's size from its IHDR chunk, read before any pixel is inflated. */
import { ImageDecodeError } from './errors.ts'

/** Size in pixels and whether the colour type carries alpha (or a tRNS chunk may add it). */
export interface PngHeader {
  width: number
  height: number
}

/** Reads IHDR (always the first chunk, at byte 8). Throws `truncated` or `corrupt` on a damaged header. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (bytes.length < 33) {
    throw new ImageDecodeError(
      'truncated',
      'The PNG file ends early; save or export the image again.'
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const type = String.fromCharCode(...bytes.subarray(12, 16))
  if (type !== 'IHDR') throw new ImageDecodeError('corrupt', 'The PNG header is damaged (no IHDR).')
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  if (!width || !height)
    throw new ImageDecodeError('corrupt', 'The PNG header gives a 0-pixel size.')
  if (!hasIend(bytes)) {
    throw new ImageDecodeError(
      'truncated',
      'The PNG file ends early; save or export the image again.'
    )
  }
  return { width, height }
}

/** True when the file ends with an IEND chunk (possibly followed by a little padding). */
function hasIend(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 64)
  for (let i = bytes.length - 8; i >= from; i--) {
    if (
      bytes[i] === 0x49 &&
      bytes[i + 1] === 0x45 &&
      bytes[i + 2] === 0x4e &&
      bytes[i + 3] === 0x44
    )
      return true
  }
  return false
}
