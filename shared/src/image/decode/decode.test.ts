/** @file Photo decoding: formats, colour layouts, EXIF orientation, size limits and every bad-input error. */
import { readFileSync } from 'node:fs'
import { encode as encodeJpeg } from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { encodePng } from '../png.ts'
import { createImage, type RgbaImage } from '../types.ts'
import {
  decodeImage,
  ImageDecodeError,
  exifOrientationSegment,
  exifSegment,
  jpegFocalLength35mm,
  readExifFocalLength35mm,
  withExifSegment,
  type ImageDecodeErrorCode,
} from './index.ts'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))
const SAMPLE = new URL(
  '../../../../node_modules/@vladmandic/face-api/demo/sample1.jpg',
  import.meta.url
)

const RED = [220, 30, 30]
const GREEN = [30, 200, 40]
const BLUE = [30, 40, 210]
const WHITE = [240, 240, 240]

/** 48x32 quadrants: top-left red, top-right green, bottom-left blue, bottom-right white (as the fixtures). */
function quadrants(): RgbaImage {
  const img = createImage(48, 32)
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 48; x++) {
      const c = y < 16 ? (x < 24 ? RED : GREEN) : x < 24 ? BLUE : WHITE
      img.data.set([...c, 255], (x + y * 48) * 4)
    }
  return img
}

function pixel(img: RgbaImage, x: number, y: number): number[] {
  const o = (x + y * img.width) * 4
  return [...img.data.subarray(o, o + 3)]
}

function expectColour(actual: number[], expected: number[], tolerance = 12): void {
  for (let c = 0; c < 3; c++)
    expect(Math.abs(actual[c]! - expected[c]!)).toBeLessThanOrEqual(tolerance)
}

function expectDecodeError(bytes: Uint8Array, code: ImageDecodeErrorCode, message: RegExp): void {
  try {
    decodeImage(bytes)
  } catch (error) {
    expect(error).toBeInstanceOf(ImageDecodeError)
    expect((error as ImageDecodeError).code).toBe(code)
    expect((error as Error).message).toMatch(message)
    return
  }
  throw new Error(`expected an ImageDecodeError '${code}'`)
}

function withExif(
  jpeg: Uint8Array,
  orientation: number,
  app1 = exifOrientationSegment(orientation)
): Uint8Array {
  return withExifSegment(jpeg, app1)
}

describe('decodeImage: formats and colour layouts', () => {
  it('decodes a progressive JPEG', () => {
    const { image, format, components } = decodeImage(fixture('quadrants-progressive.jpg'))
    expect([format, components, image.width, image.height]).toEqual(['jpeg', 3, 48, 32])
    expectColour(pixel(image, 5, 5), RED)
    expectColour(pixel(image, 42, 26), WHITE)
  })

  it('decodes a greyscale JPEG into equal R, G, B', () => {
    const { image, components } = decodeImage(fixture('quadrants-grey.jpg'))
    expect(components).toBe(1)
    const [r, g, b] = pixel(image, 5, 5)
    expect(r).toBe(g)
    expect(g).toBe(b)
    // ITU-R 601 luma of the red quadrant.
    expect(Math.abs(r! - (0.299 * 220 + 0.587 * 30 + 0.114 * 30))).toBeLessThan(6)
  })

  it('converts an Adobe CMYK JPEG to the right RGB colours', () => {
    const { image, components } = decodeImage(fixture('quadrants-cmyk.jpg'))
    expect(components).toBe(4)
    expectColour(pixel(image, 5, 5), RED)
    expectColour(pixel(image, 42, 5), GREEN)
    expectColour(pixel(image, 5, 26), BLUE)
  })

  it('keeps PNG alpha and reports it', () => {
    const img = quadrants()
    for (let i = 3; i < img.data.length; i += 8) img.data[i] = 0
    const decoded = decodeImage(encodePng(img))
    expect(decoded.hasAlpha).toBe(true)
    expect(decoded.image.data[3]).toBe(0)
    expect(decoded.image.data[7]).toBe(255)
    expect(decodeImage(encodePng(quadrants())).hasAlpha).toBe(false)
  })
})

describe('decodeImage: EXIF orientation', () => {
  const jpeg = new Uint8Array(encodeJpeg(quadrants(), 95).data)
  // Upright top-left and top-right colours for each orientation of the stored quadrants (EXIF 2.3 table).
  const cases: [number, number[], number[]][] = [
    [1, RED, GREEN],
    [2, GREEN, RED],
    [3, WHITE, BLUE],
    [4, BLUE, WHITE],
    [5, RED, BLUE],
    [6, BLUE, RED],
    [7, WHITE, GREEN],
    [8, GREEN, WHITE],
  ]
  it.each(cases)('orientation %i stands the image upright', (orientation, topLeft, topRight) => {
    const { image, orientation: found } = decodeImage(withExif(jpeg, orientation))
    expect(found).toBe(orientation)
    expect([image.width, image.height]).toEqual(orientation >= 5 ? [32, 48] : [48, 32])
    expectColour(pixel(image, 3, 3), topLeft)
    expectColour(pixel(image, image.width - 4, 3), topRight)
  })

  it('can leave the stored orientation when asked', () => {
    const { image } = decodeImage(withExif(jpeg, 6), { orient: false })
    expect([image.width, image.height]).toEqual([48, 32])
  })
})

describe('decodeImage: the lens (EXIF FocalLengthIn35mmFilm)', () => {
  const jpeg = new Uint8Array(encodeJpeg({ ...quadrants(), data: quadrants().data }, 92).data)

  it("reads a phone's front-camera focal length beside the orientation, and null where the photo has none", () => {
    const both = decodeImage(
      withExif(jpeg, 6, exifSegment({ orientation: 6, focalLength35mm: 26 }))
    )
    expect(both.focalLength35mm).toBe(26)
    expect(both.orientation).toBe(6)
    expect(
      decodeImage(withExif(jpeg, 1, exifSegment({ focalLength35mm: 85 }))).focalLength35mm
    ).toBe(85)
    expect(decodeImage(withExif(jpeg, 3)).focalLength35mm).toBeNull()
    expect(decodeImage(jpeg).focalLength35mm).toBeNull()
    expect(decodeImage(encodePng(quadrants())).focalLength35mm).toBeNull()
  })

  it('takes 0 ("unknown") and a damaged Exif sub-IFD as no focal length, never as an error', () => {
    expect(
      decodeImage(withExif(jpeg, 1, exifSegment({ focalLength35mm: 0 }))).focalLength35mm
    ).toBeNull()
    const tiff = exifSegment({ orientation: 1, focalLength35mm: 26 }).subarray(10) // after the marker and "Exif\0\0"
    expect(readExifFocalLength35mm(tiff)).toBe(26)
    const cut = tiff.slice(0, tiff.length - 10) // the sub-IFD's entry cut short
    expect(readExifFocalLength35mm(cut)).toBeNull()
    const pointerOut = tiff.slice()
    new DataView(pointerOut.buffer).setUint32(8 + 2 + 12 + 8, 60_000, true) // the 0x8769 pointer past the end
    expect(readExifFocalLength35mm(pointerOut)).toBeNull()
    expect(readExifFocalLength35mm(Uint8Array.from([1, 2, 3]))).toBeNull()
  })

  it('finds it in the first part of a file alone (the PWA reads no more), and nowhere else', () => {
    const file = withExif(jpeg, 1, exifSegment({ orientation: 1, focalLength35mm: 24 }))
    expect(jpegFocalLength35mm(file)).toBe(24)
    expect(jpegFocalLength35mm(file.subarray(0, 80))).toBe(24) // the header alone, image data cut off
    expect(jpegFocalLength35mm(file.subarray(0, 30))).toBeNull() // cut inside the EXIF segment
    expect(jpegFocalLength35mm(jpeg)).toBeNull()
    expect(jpegFocalLength35mm(encodePng(quadrants()))).toBeNull()
    expect(jpegFocalLength35mm(new Uint8Array(0))).toBeNull()
    // two Exif segments: the first counts, for the header and the file's first part alike
    const twice = withExifSegment(file, exifSegment({ orientation: 3, focalLength35mm: 85 }))
    expect(jpegFocalLength35mm(twice)).toBe(85)
    expect(decodeImage(twice)).toMatchObject({ focalLength35mm: 85, orientation: 3 })
    expect(() =>
      withExifSegment(encodePng(quadrants()), exifSegment({ focalLength35mm: 26 }))
    ).toThrow(/not a JPEG/)
  })

  it("drops it for a photo cropped to another shape since (the EXIF's pixel size is not the frame's), not for a resize", () => {
    // the 48x32 frame: the camera's 4800x3200 scaled down keeps its lens; a 4000x3000 original was cropped
    const resized = withExif(jpeg, 1, exifSegment({ focalLength35mm: 26, size: [4800, 3200] }))
    const cropped = withExif(jpeg, 1, exifSegment({ focalLength35mm: 26, size: [4000, 3000] }))
    expect(decodeImage(resized).focalLength35mm).toBe(26)
    expect(jpegFocalLength35mm(resized)).toBe(26)
    expect(decodeImage(cropped).focalLength35mm).toBeNull()
    expect(jpegFocalLength35mm(cropped)).toBeNull()
    expect(decodeImage(cropped).image.width).toBe(48) // the photo itself still opens
  })
})

describe('decodeImage: size', () => {
  it('downscales a real photo to maxSide with the aspect ratio kept', () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE))
    const { image, sourceWidth, sourceHeight, scale } = decodeImage(bytes, { maxSide: 640 })
    expect(Math.max(image.width, image.height)).toBe(640)
    expect(image.width / image.height).toBeCloseTo(sourceWidth / sourceHeight, 2)
    expect(scale).toBeCloseTo(640 / Math.max(sourceWidth, sourceHeight), 3)
  })

  it('downscales a large PNG by area averaging', () => {
    const big = createImage(3000, 2000)
    for (let i = 0; i < big.data.length; i += 4)
      big.data.set([(i >> 2) % 2 ? 255 : 0, 100, 50, 255], i)
    const { image } = decodeImage(encodePng(big), { maxSide: 750 })
    expect([image.width, image.height]).toEqual([750, 500])
    expect(Math.abs(image.data[0]! - 128)).toBeLessThanOrEqual(1) // 4 alternating 0/255 columns per output pixel
  })

  it('refuses a huge image from its header, before decoding any pixel', () => {
    // SOI, SOF0 20000x15000x3, SOS, EOI: a 300 MP header with no pixel data.
    const sof = [
      0xff, 0xc0, 0, 17, 8, 0x3a, 0x98, 0x4e, 0x20, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0,
    ]
    const sos = [0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]
    const bytes = Uint8Array.from([0xff, 0xd8, ...sof, ...sos, 0xff, 0xd9])
    expectDecodeError(bytes, 'too-large', /20000x15000 \(300 MP\).*resize it/)
  })
})

describe('decodeImage: bad input', () => {
  const photo = new Uint8Array(readFileSync(SAMPLE))
  it.each<[string, Uint8Array, ImageDecodeErrorCode, RegExp]>([
    ['0-byte file', new Uint8Array(0), 'empty', /empty \(0 bytes\).*JPEG or PNG/],
    ['text file', new TextEncoder().encode('hello, not a photo'), 'not-an-image', /not an image/],
    ['truncated JPEG', photo.subarray(0, photo.length >> 1), 'truncated', /ends early.*again/],
    ['JPEG cut inside its header', photo.subarray(0, 40), 'truncated', /ends early/],
    ['truncated PNG', encodePng(quadrants()).subarray(0, 60), 'truncated', /ends early/],
    ['GIF', new TextEncoder().encode('GIF89a....'), 'unsupported', /GIF.*JPEG or PNG/],
    [
      'HEIC',
      Uint8Array.from([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0]),
      'unsupported',
      /HEIC/,
    ],
  ])('%s gives a clear error', (_name, bytes, code, message) => {
    expectDecodeError(bytes, code, message)
  })
})
