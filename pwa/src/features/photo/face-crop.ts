/**
 * @module features/photo/face-crop — a square crop of the photo around the face a character was made from, framed
 * like the editor's front view (face centred, a little room above), for "compare with photo" and the result.
 */
import type { Box } from '@facecraft/shared/face'

/** Crop side relative to the face box, and the box centre's offset (fractions of the box) from the crop centre. */
const SIDE = 2.1
const LIFT = 0.12

/** The crop as an object URL (revoke it when done). `analysed` is the analysed image's width (the box's pixels). */
export async function faceCropUrl(
  photo: Blob,
  box: Box,
  analysedWidth: number,
  size = 512
): Promise<string> {
  const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' })
  const scale = bitmap.width / analysedWidth
  const side = SIDE * Math.max(box.width, box.height) * scale
  const cx = (box.x + box.width / 2) * scale
  const cy = (box.y + box.height / 2 - LIFT * box.height) * scale
  const canvas = new OffscreenCanvas(size, size)
  const context = canvas.getContext('2d')!
  context.fillStyle = '#2a2740'
  context.fillRect(0, 0, size, size)
  context.drawImage(bitmap, cx - side / 2, cy - side / 2, side, side, 0, 0, size, size)
  bitmap.close()
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }))
}
