/** @module face/draw — draw detections, meshes and pose axes onto an RgbaImage (overlays for `facecraft detect`). */
import type { RgbaImage } from '../image/types.ts'
import { headRotation } from './pose.ts'
import type { Face } from './types.ts'

/** An RGB colour 0..255. */
export type Rgb = readonly [number, number, number]

/** Blends `colour` at `alpha` into pixel (x, y) when inside the image. */
function plot(img: RgbaImage, x: number, y: number, colour: Rgb, alpha = 1): void {
  const px = Math.round(x)
  const py = Math.round(y)
  if (px < 0 || py < 0 || px >= img.width || py >= img.height) return
  const o = (px + py * img.width) * 4
  for (let c = 0; c < 3; c++) img.data[o + c] = img.data[o + c]! * (1 - alpha) + colour[c]! * alpha
  img.data[o + 3] = 255
}

/** Draws a line of `thickness` pixels from (x0, y0) to (x1, y1). */
export function drawLine(
  img: RgbaImage,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  colour: Rgb,
  thickness = 1
): void {
  const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1
  const r = (thickness - 1) / 2
  for (let i = 0; i <= steps; i++) {
    const x = x0 + ((x1 - x0) * i) / steps
    const y = y0 + ((y1 - y0) * i) / steps
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) plot(img, x + dx, y + dy, colour)
  }
}

/** Draws a filled disc of `radius` pixels at (x, y). */
export function drawDot(img: RgbaImage, x: number, y: number, radius: number, colour: Rgb): void {
  for (let dy = -radius; dy <= radius; dy++)
    for (let dx = -radius; dx <= radius; dx++)
      if (dx * dx + dy * dy <= radius * radius) plot(img, x + dx, y + dy, colour)
}

/** Draws a face: box (green; orange for faces not chosen), mesh points, the 68 points and the head axes. */
export function drawFace(img: RgbaImage, face: Face, chosen: boolean): void {
  const { x, y, width: w, height: h } = face.box
  const t = Math.max(1, Math.round(Math.max(img.width, img.height) / 600))
  const box: Rgb = chosen ? [40, 220, 60] : [255, 160, 0]
  drawLine(img, x, y, x + w, y, box, t)
  drawLine(img, x + w, y, x + w, y + h, box, t)
  drawLine(img, x + w, y + h, x, y + h, box, t)
  drawLine(img, x, y + h, x, y, box, t)
  for (let i = 0; i < 468; i++)
    plot(img, face.mesh[i * 3]!, face.mesh[i * 3 + 1]!, [0, 230, 255], 0.8)
  for (let i = 0; i < 68; i++)
    drawDot(img, face.ibug68[2 * i]!, face.ibug68[2 * i + 1]!, t, [255, 40, 40])
  // Head axes from the nose tip (mesh 1): x red (to the subject's left), y green (down), z blue (to the camera).
  const r = headRotation(face.mesh)
  const len = face.interOcular
  const nx = face.mesh[3]!
  const ny = face.mesh[4]!
  const axes: [number, number, Rgb][] = [
    [r[0]!, r[1]!, [255, 0, 0]],
    [r[3]!, r[4]!, [0, 255, 0]],
    [-r[6]!, -r[7]!, [0, 80, 255]],
  ]
  for (const [ax, ay, colour] of axes)
    drawLine(img, nx, ny, nx + ax * len, ny + ay * len, colour, t + 1)
}

/** Draws a detection-only box (faces found but not meshed). */
export function drawBox(
  img: RgbaImage,
  face: Pick<Face, 'box'>,
  colour: Rgb = [255, 160, 0]
): void {
  const { x, y, width: w, height: h } = face.box
  const t = Math.max(1, Math.round(Math.max(img.width, img.height) / 600))
  drawLine(img, x, y, x + w, y, colour, t)
  drawLine(img, x + w, y, x + w, y + h, colour, t)
  drawLine(img, x + w, y + h, x, y + h, colour, t)
  drawLine(img, x, y + h, x, y, colour, t)
}
