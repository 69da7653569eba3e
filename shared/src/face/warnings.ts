/** @module face/warnings — what to tell a person about a photo: no face, several faces, too small, profile. */
import type { ResolvedFaceOptions } from './options.ts'
import type { Face, FaceWarning } from './types.ts'

/** Warnings for a result with `found` detections and the described `faces` (subject first), worst first. */
export function faceWarnings(
  found: number,
  faces: readonly Face[],
  o: ResolvedFaceOptions
): FaceWarning[] {
  const face = faces[0]
  if (!face) {
    return [
      {
        code: 'no-face',
        message:
          'No face found; use a photo with one face looking at the camera, well lit and not cut off.',
      },
    ]
  }
  const warnings: FaceWarning[] = []
  const yaw = face.pose.yaw
  if (Math.abs(yaw) > o.maxFrontalYaw) {
    warnings.push({
      code: 'profile',
      message: `The face is turned ${Math.abs(yaw).toFixed(0)}° to the ${yaw > 0 ? 'left' : 'right'} (limit ${o.maxFrontalYaw}°); use a frontal photo, looking straight at the camera.`,
    })
  }
  if (face.interOcular < o.minInterOcular) {
    warnings.push({
      code: 'face-too-small',
      message: `The face is too small (${face.interOcular.toFixed(0)} px between the eyes, at least ${o.minInterOcular} needed); move closer or crop the photo around the face.`,
    })
  }
  if (face.meshScore < 0.5) {
    warnings.push({
      code: 'low-confidence',
      message: 'The face is hard to see (blurred, covered or dark); use a sharper, well-lit photo.',
    })
  }
  if (found > 1) {
    warnings.push({
      code: 'several-faces',
      message: `${found} faces found; the largest, most central and frontal one is used. Crop the photo to one face to choose another.`,
    })
  }
  return warnings
}
