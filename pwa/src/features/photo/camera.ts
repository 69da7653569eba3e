/**
 * @module features/photo/camera — the front camera for a selfie: getUserMedia with the reasons it can fail turned
 * into messages that say what to do (the player can always choose a photo instead), and a still from the stream.
 */

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

/** The current video frame as a JPEG (as the camera sees it: not mirrored like the preview). */
export async function takeStill(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')!.drawImage(video, 0, 0)
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.92)
  )
  if (!blob) throw new CameraError('busy', 'The picture could not be taken; try again.')
  return blob
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
