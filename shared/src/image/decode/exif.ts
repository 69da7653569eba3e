/** @module image/decode/exif — the EXIF Orientation tag (0x0112) from a JPEG APP1 payload. */

/**
 * Reads the orientation (1-8, EXIF 2.3 table; 1 = as stored) from a TIFF structure `tiff` (the APP1 payload after
 * "Exif\0\0"). Returns 1 when the tag is missing or the structure is damaged: a bad EXIF block must not stop a photo.
 */
export function readExifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1
  const little = tiff[0] === 0x49 && tiff[1] === 0x49
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  const u16 = (at: number) => view.getUint16(at, little)
  const ifd = view.getUint32(4, little)
  if (ifd + 2 > tiff.length) return 1
  const count = u16(ifd)
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12
    if (entry + 12 > tiff.length) return 1
    if (u16(entry) !== 0x0112) continue
    const value = u16(entry + 8) // SHORT, stored left-justified in the 4-byte value field
    return value >= 1 && value <= 8 ? value : 1
  }
  return 1
}

/**
 * Builds a minimal little-endian EXIF APP1 segment (marker included) holding only an Orientation tag; used by
 * tests and tools to make EXIF-rotated JPEGs.
 */
export function exifOrientationSegment(orientation: number): Uint8Array {
  const tiff = [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 0]
  tiff.push(0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation & 0xff, 0, 0, 0, 0, 0, 0, 0)
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]
  const length = payload.length + 2
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload])
}
