/**
 * @module features/photo/face-crop — a square crop of the photo around the face a character was made from, framed
 * like the editor's front view, for "compare with photo" and the result. With the face's `view` map (its 68 points
 * fitted to where the preview draws a character's: worker/view-frame.ts) the eyes, nose and mouth land where the
 * character's do; photos stored before that have only their face box, framed by its centre and size.
 */
import type { Box } from '@facecraft/shared/face'
// The pure affine module alone: the main thread imports no runtime code of shared/face (its index brings the face
// models' runtime).
import { invertAffine, type Affine } from '@facecraft/shared/face/affine'

/** What frames a face: its box and, for photos stored since the view map, that map (preview unit -> pixels). */
export interface FaceFraming {
  box: Box
  view?: Affine
}

/** Crop side relative to the face box, and the box centre's offset (fractions of the box) from the crop centre. */
const SIDE = 2.1
const LIFT = 0.12

/**
 * The map from the photo's pixels (as decoded, `bitmapWidth` wide) to the `size` px crop's, for a face located in
 * the analysed image (`analysedWidth` wide: the face's box and view are in its pixels).
 */
export function cropTransform(
  face: FaceFraming,
  analysedWidth: number,
  bitmapWidth: number,
  size: number
): Affine {
  const scale = bitmapWidth / analysedWidth
  if (face.view) {
    // crop px -> preview unit (1 / size) -> analysed px (view) -> bitmap px (scale); the canvas needs the inverse
    const [a, b, c, d, e, f] = face.view
    // never degenerate: a fitted similarity of a found face
    return invertAffine([(scale * a) / size, (scale * b) / size, scale * c, (scale * d) / size, (scale * e) / size, scale * f])!
  }
  const { box } = face
  const side = SIDE * Math.max(box.width, box.height) * scale
  const k = size / side
  const x0 = (box.x + box.width / 2) * scale - side / 2
  const y0 = (box.y + box.height / 2 - LIFT * box.height) * scale - side / 2
  return [k, 0, -x0 * k, 0, k, -y0 * k]
} // prettier-ignore

/** The crop as an object URL (revoke it when done). */
export async function faceCropUrl(
  photo: Blob,
  face: FaceFraming,
  analysedWidth: number,
  size = 512
): Promise<string> {
  const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' })
  const [a, b, c, d, e, f] = cropTransform(face, analysedWidth, bitmap.width, size)
  const canvas = new OffscreenCanvas(size, size)
  const context = canvas.getContext('2d')!
  context.fillStyle = '#2a2740'
  context.fillRect(0, 0, size, size)
  context.imageSmoothingQuality = 'high'
  context.setTransform(a, d, b, e, c, f) // canvas order: (m11, m12, m21, m22, dx, dy)
  context.drawImage(bitmap, 0, 0)
  bitmap.close()
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }))
}
