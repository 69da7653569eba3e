/**
 * @file The lens a selfie was taken with: the selfie screen's front camera (a track facing the player) and a photo
 * file's EXIF FocalLengthIn35mmFilm, which the inference Worker hands to create (create/perspective).
 */
import { describe, expect, it } from 'vitest'
import { exifSegment, withExifSegment } from '@facecraft/shared/decode/exif'
import { encodePng } from '@facecraft/shared/image'
import { frontCameraLens } from './camera.ts'
import { photoLens } from './worker/pixels.ts'

/** A stream whose one video track reports `facingMode` (what getSettings() gives; a laptop's webcam gives none). */
const streamFacing = (facingMode?: string) =>
  ({
    getVideoTracks: () => [{ getSettings: () => (facingMode ? { facingMode } : {}) }],
  }) as unknown as MediaStream

/** A JPEG's start and end markers: photoLens reads only the segments before the image data. */
const jpeg = () => Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])

describe('the lens of a selfie', () => {
  it("is the phone's front camera only where the track faces the player", () => {
    expect(frontCameraLens(streamFacing('user'))).toEqual({ focalLength35mm: 26 })
    expect(frontCameraLens(streamFacing('environment'))).toBeNull()
    expect(frontCameraLens(streamFacing())).toBeNull()
    expect(frontCameraLens(null)).toBeNull()
  })

  it("is read from a photo file's EXIF, and is none for a photo without it or outside the lenses create takes", async () => {
    const file = (bytes: Uint8Array, type = 'image/jpeg') => new Blob([bytes as Uint8Array<ArrayBuffer>], { type })
    expect(await photoLens(file(withExifSegment(jpeg(), exifSegment({ orientation: 6, focalLength35mm: 24 }))))).toEqual({ focalLength35mm: 24 })
    expect(await photoLens(file(jpeg()))).toBeNull()
    expect(await photoLens(file(withExifSegment(jpeg(), exifSegment({ focalLength35mm: 3 }))))).toBeNull()
    expect(await photoLens(file(encodePng({ width: 4, height: 4, data: new Uint8ClampedArray(64).fill(9) }), 'image/png'))).toBeNull()
    expect(await photoLens(file(new Uint8Array(0)))).toBeNull()
  })
}) // prettier-ignore
