/**
 * @file Photos for the photo-flow e2e tests, made at test time from the London set (../shared/faces/london, never
 * committed): files to choose, a two-face composite, bad inputs, and a .y4m video for Chromium's fake camera.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { decodeImage } from '@facecraft/shared/decode'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { REPO_ROOT } from '../src/harness/index.ts'

/** The shared faces folder: $FACECRAFT_FACES, else the first `shared/faces` beside the checkout or above it
 * (../shared/faces from the repository root; worktrees sit deeper), as `facecraft eval` finds it. */
function facesDir(): string {
  if (process.env.FACECRAFT_FACES) return process.env.FACECRAFT_FACES
  for (let dir = REPO_ROOT; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared/faces/index.csv'))) return join(dir, 'shared/faces')
    if (dirname(dir) === dir) return join(REPO_ROOT, '../shared/faces')
  }
}

/** The London face set (neutral, 512 x 512 JPEGs). */
export const LONDON = join(facesDir(), 'london/neutral')
export const haveLondon = existsSync(join(LONDON, '001.jpg'))
if (!haveLondon)
  console.warn(`photo e2e tests SKIPPED: no London faces at ${LONDON} (set FACECRAFT_FACES)`)

/** A London photo's path, e.g. londonPhoto(1). */
export function londonPhoto(n: number): string {
  return join(LONDON, `${String(n).padStart(3, '0')}.jpg`)
}

export function decoded(path: string): RgbaImage {
  return decodeImage(new Uint8Array(readFileSync(path))).image
}

/** `images` side by side on a grey canvas (same height), as a PNG: a photo with several people. */
export function sideBySide(images: RgbaImage[]): Buffer {
  const height = Math.max(...images.map((i) => i.height))
  const out = createImage(
    images.reduce((w, i) => w + i.width, 0),
    height
  )
  out.data.fill(128)
  let x0 = 0
  for (const im of images) {
    for (let y = 0; y < im.height; y++)
      out.data.set(
        im.data.subarray(y * im.width * 4, (y + 1) * im.width * 4),
        (y * out.width + x0) * 4
      )
    x0 += im.width
  }
  return Buffer.from(encodePng(out))
}

/** `image` as a black-and-white photo (luma, Rec. 601), PNG: a photo without colour. */
export function greyscale(image: RgbaImage): Buffer {
  const out = createImage(image.width, image.height)
  for (let i = 0; i < image.data.length; i += 4) {
    const d = image.data
    out.data.fill(Math.round(0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!), i, i + 3)
    out.data[i + 3] = 255
  }
  return Buffer.from(encodePng(out))
}

/** `image` scaled (nearest) to `side` px and centred on a `canvas`-px grey square: a face far from the camera. */
export function tinyFace(image: RgbaImage, side: number, canvas: number): Buffer {
  const out = createImage(canvas, canvas)
  out.data.fill(140)
  const x0 = (canvas - side) >> 1
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const sx = Math.floor((x * image.width) / side)
      const sy = Math.floor((y * image.height) / side)
      out.data.set(
        image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4),
        ((y + x0) * canvas + x + x0) * 4
      )
    }
  return Buffer.from(encodePng(out))
}

/** The left strip of face-api's demo photo 2: one face turned about 50 degrees (a profile). */
export function profilePhoto(): Buffer {
  const image = decoded(join(REPO_ROOT, 'node_modules/@vladmandic/face-api/demo/sample2.jpg'))
  const w = Math.round(image.width * 0.3)
  const out = createImage(w, image.height)
  for (let y = 0; y < image.height; y++)
    out.data.set(image.data.subarray(y * image.width * 4, (y * image.width + w) * 4), y * w * 4)
  return Buffer.from(encodePng(out))
}

/**
 * A one-frame YUV4MPEG2 (4:2:0) video of `image` centred on a `width` x `height` grey frame, for Chromium's
 * --use-file-for-fake-video-capture (it loops the file). Written to the temp folder; returns its path.
 */
export function fakeCameraVideo(image: RgbaImage, width = 640, height = 480): string {
  const frame = createImage(width, height)
  frame.data.fill(120)
  const side = Math.min(height, image.height)
  const x0 = (width - side) >> 1
  const y0 = (height - side) >> 1
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const sx = Math.floor((x * image.width) / side)
      const sy = Math.floor((y * image.height) / side)
      frame.data.set(
        image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4),
        ((y + y0) * width + x + x0) * 4
      )
    }
  const yPlane = Buffer.alloc(width * height)
  const uPlane = Buffer.alloc((width / 2) * (height / 2))
  const vPlane = Buffer.alloc((width / 2) * (height / 2))
  const d = frame.data
  for (let i = 0; i < width * height; i++)
    yPlane[i] = Math.round(0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!)
  for (let y = 0; y < height / 2; y++)
    for (let x = 0; x < width / 2; x++) {
      let r = 0, g = 0, b = 0 // prettier-ignore
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((2 * y + dy) * width + 2 * x + dx) * 4
        r += d[p]! / 4
        g += d[p + 1]! / 4
        b += d[p + 2]! / 4
      }
      // JPEG (full-range BT.601) chroma, as C420jpeg says.
      uPlane[y * (width / 2) + x] = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)
      vPlane[y * (width / 2) + x] = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)
    }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`)
  const path = join(tmpdir(), `facecraft-fake-camera-${process.pid}.y4m`)
  writeFileSync(path, Buffer.concat([header, yPlane, uPlane, vPlane]))
  return path
}
