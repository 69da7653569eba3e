/**
 * @module image/decode/exif — from a JPEG APP1 payload, the EXIF Orientation tag (0x0112) and the lens's 35-mm-
 * equivalent focal length (0xA405 in the Exif sub-IFD), which tells how near a selfie's camera was (create/perspective).
 */

/** A TIFF structure's reader: its byte order's integers and the value field of a tag in an IFD. */
interface Tiff {
  u16(at: number): number
  u32(at: number): number
  /** Offset of `tag`'s value field in the IFD at `ifd`, or null (also when the IFD runs past the end). */
  find(ifd: number, tag: number): number | null
  /** The offset of IFD0. */
  first: number
}

/** A reader of `tiff` (the APP1 payload after "Exif\0\0"), or null when it is no TIFF structure. */
function readTiff(tiff: Uint8Array): Tiff | null {
  if (tiff.length < 8) return null
  const little = tiff[0] === 0x49 && tiff[1] === 0x49
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  const u16 = (at: number) => view.getUint16(at, little)
  const u32 = (at: number) => view.getUint32(at, little)
  const find = (ifd: number, tag: number): number | null => {
    if (ifd + 2 > tiff.length) return null
    const count = u16(ifd)
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12
      if (entry + 12 > tiff.length) return null
      if (u16(entry) === tag) return entry + 8
    }
    return null
  }
  return { u16, u32, find, first: u32(4) }
}

/**
 * Reads the orientation (1-8, EXIF 2.3 table; 1 = as stored) from a TIFF structure `tiff` (the APP1 payload after
 * "Exif\0\0"). Returns 1 when the tag is missing or the structure is damaged: a bad EXIF block must not stop a photo.
 */
export function readExifOrientation(tiff: Uint8Array): number {
  const t = readTiff(tiff)
  const at = t ? t.find(t.first, 0x0112) : null
  if (!t || at === null) return 1
  const value = t.u16(at) // SHORT, stored left-justified in the 4-byte value field
  return value >= 1 && value <= 8 ? value : 1
}

/**
 * Builds a minimal little-endian EXIF APP1 segment (marker included) holding only an Orientation tag; used by
 * tests and tools to make EXIF-rotated JPEGs.
 */
export function exifOrientationSegment(orientation: number): Uint8Array {
  return exifSegment({ orientation })
}

/**
 * The 35-mm-equivalent focal length in mm (EXIF FocalLengthIn35mmFilm, 0xA405, in the Exif sub-IFD that IFD0's
 * 0x8769 points to) from a TIFF structure `tiff`; null when it is missing, 0 ("unknown") or the structure is damaged,
 * and, given the stored `frame` [width, height], when the EXIF's own pixel size has another shape (a crop).
 */
export function readExifFocalLength35mm(
  tiff: Uint8Array,
  frame?: readonly [number, number]
): number | null {
  const t = readTiff(tiff)
  if (!t) return null
  const { u16, u32, find } = t
  const pointer = find(t.first, 0x8769)
  if (pointer === null) return null
  const exif = u32(pointer)
  const focal = find(exif, 0xa405)
  if (focal === null) return null
  const value = u16(focal) // SHORT, left-justified in the value field
  if (value === 0) return null
  // PixelXDimension / PixelYDimension (SHORT or LONG): the frame the camera saved. A photo cropped since (to another
  // shape) keeps the camera's EXIF, but the focal length no longer describes its frame.
  const dimension = (tag: number) => {
    const at = find(exif, tag)
    return at === null ? null : u16(at - 6) === 3 ? u16(at) : u32(at)
  }
  const [w, h] = [dimension(0xa002), dimension(0xa003)]
  if (w && h && frame && Math.abs(Math.log((w / h) * (frame[1] / frame[0]))) > 0.01) return null
  return value
}

/**
 * Builds a minimal little-endian EXIF APP1 segment (marker included) holding IFD0's Orientation and an Exif sub-IFD
 * with FocalLengthIn35mmFilm, as a phone writes them; for tests and tools.
 */
export function exifSegment(tags: { orientation?: number; focalLength35mm?: number; size?: readonly [number, number] }): Uint8Array {
  const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff]
  const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff]
  const ifd0: number[][] = []
  if (tags.orientation !== undefined) ifd0.push([...le16(0x0112), ...le16(3), ...le32(1), ...le16(tags.orientation), 0, 0])
  const hasExif = tags.focalLength35mm !== undefined
  const exifAt = 8 + 2 + (ifd0.length + (hasExif ? 1 : 0)) * 12 + 4
  if (hasExif) ifd0.push([...le16(0x8769), ...le16(4), ...le32(1), ...le32(exifAt)])
  const tiff = [0x49, 0x49, 0x2a, 0x00, ...le32(8), ...le16(ifd0.length), ...ifd0.flat(), ...le32(0)]
  const sized = tags.size ? [[...le16(0xa002), ...le16(4), ...le32(1), ...le32(tags.size[0])], [...le16(0xa003), ...le16(4), ...le32(1), ...le32(tags.size[1])]] : [] // LONG
  if (hasExif) tiff.push(...le16(1 + sized.length), ...sized.flat(), ...le16(0xa405), ...le16(3), ...le32(1), ...le16(tags.focalLength35mm!), 0, 0, ...le32(0))
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]
  const length = payload.length + 2
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload])
} // prettier-ignore

/** `jpeg` with the APP1 segment `app1` (as exifSegment builds) right after its start-of-image marker. */
export function withExifSegment(jpeg: Uint8Array, app1: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8)
    throw new Error('withExifSegment: not a JPEG (no FF D8 start marker)')
  const out = new Uint8Array(jpeg.length + app1.length)
  out.set(jpeg.subarray(0, 2))
  out.set(app1, 2)
  out.set(jpeg.subarray(2), 2 + app1.length)
  return out
}
