/**
 * @module features/photo/camera — the front camera for a selfie: getUserMedia with the reasons it can fail turned
 * into messages that say what to do (the player can always choose a photo instead), and a still from the stream.
 */

import { FRONT_CAMERA_FOCAL_MM, type PhotoLens } from '@facecraft/shared/create/perspective'
import { exifSegment, withExifSegment } from '@facecraft/shared/decode/exif'

/** Why there is no camera picture. */
export class CameraError extends Error {
  override readonly name = 'CameraError'
  constructor(
    readonly code: 'denied' | 'no-camera' | 'busy' | 'unsupported',
    message: string
  ) {
    super(message)
  }
}

/** Opens the front camera (a phone's selfie camera; any camera on a laptop). */
export async function openFrontCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new CameraError(
      'unsupported',
      'This browser cannot use the camera here; choose a photo instead.'
    )
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } },
    })
  } catch (error) {
    const name = (error as DOMException).name
    if (name === 'NotAllowedError' || name === 'SecurityError')
      throw new CameraError(
        'denied',
        'Camera access was denied. Allow the camera for this site in the browser settings, or choose a photo instead.'
      )
    if (
      name === 'NotFoundError' ||
      name === 'OverconstrainedError' ||
      name === 'DevicesNotFoundError'
    )
      throw new CameraError(
        'no-camera',
        'No camera was found on this device; choose a photo instead.'
      )
    if (name === 'NotReadableError' || name === 'AbortError')
      throw new CameraError(
        'busy',
        'The camera is in use by another app; close it and try again, or choose a photo.'
      )
    throw new CameraError(
      'unsupported',
      `The camera could not start (${name}); choose a photo instead.`
    )
  }
}

/** Stops every track (the camera light goes off). */
export function closeCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop()
}

/**
 * The lens of `stream`'s camera where it is a phone's front camera (the track says facingMode 'user'):
 * FRONT_CAMERA_FOCAL_MM, so the selfie taken at arm's length is read as from a portrait's distance
 * (create/perspective). null otherwise: a laptop's webcam says no facing, sits further away, and its lens is unknown.
 */
export function frontCameraLens(stream: MediaStream | null): PhotoLens | null {
  const track = stream?.getVideoTracks()[0]
  return track?.getSettings().facingMode === 'user'
    ? { focalLength35mm: FRONT_CAMERA_FOCAL_MM }
    : null
}

/**
 * The current video frame as a JPEG (as the camera sees it: not mirrored like the preview), with the lens in its
 * EXIF (FocalLengthIn35mmFilm) where known, as a phone's camera app writes it, so whatever reads the photo later
 * (creation now, a saved photo's refinement) knows it.
 */
export async function takeStill(
  video: HTMLVideoElement,
  lens: PhotoLens | null = null
): Promise<Blob> {
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')!.drawImage(video, 0, 0)
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.92)
  )
  if (!blob) throw new CameraError('busy', 'The picture could not be taken; try again.')
  if (!lens) return blob
  const jpeg = new Uint8Array(await blob.arrayBuffer())
  const app1 = exifSegment({ focalLength35mm: Math.round(lens.focalLength35mm) })
  return new Blob([withExifSegment(jpeg, app1) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })
}

/** A small frame for the live check (the bitmap goes to the inference Worker). */
export function liveFrame(video: HTMLVideoElement): Promise<ImageBitmap> {
  const width = Math.min(480, video.videoWidth)
  return createImageBitmap(video, {
    resizeWidth: width,
    resizeHeight: Math.round((video.videoHeight * width) / video.videoWidth),
    resizeQuality: 'medium',
  })
}
